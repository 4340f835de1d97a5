package io.hiveiot.benchmarks.firmware;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FirmwarePackageTest {

    @Test
    void seeded_isTheSameBytesForTheSameSeed_soBothBrokersServeOnePackage() {
        final FirmwarePackage a = FirmwarePackage.seeded(1000, FirmwarePackage.SEED);
        final FirmwarePackage b = FirmwarePackage.seeded(1000, FirmwarePackage.SEED);
        assertEquals(a.sha256Hex(), b.sha256Hex());
        assertNotEquals(
                a.sha256Hex(),
                FirmwarePackage.seeded(1000, FirmwarePackage.SEED + 1).sha256Hex());
        assertEquals(64, a.sha256Hex().length());
        assertEquals(a.sha256Hex().toLowerCase(java.util.Locale.ROOT), a.sha256Hex());
        assertThrows(IllegalArgumentException.class, () -> FirmwarePackage.seeded(0, 1));
    }

    @Test
    void chunks_coverThePackageAsThingsBoardSlicesIt_andAreEmptyPastTheEnd() {
        final FirmwarePackage pkg = FirmwarePackage.seeded(10_000, 3);
        assertEquals(3, pkg.chunkCount(4096));
        assertEquals(1, pkg.chunkCount(10_000));
        final var digest = FirmwarePackage.sha256();
        int total = 0;
        for (int n = 0; n < pkg.chunkCount(4096); n++) {
            final ByteBuffer chunk = pkg.chunk(n, 4096);
            assertEquals(n < 2 ? 4096 : 10_000 - 8192, chunk.remaining());
            total += chunk.remaining();
            digest.update(chunk);
        }
        assertEquals(10_000, total);
        assertEquals(pkg.sha256Hex(), HexFormat.of().formatHex(digest.digest()));
        assertEquals(0, pkg.chunk(3, 4096).remaining());
        assertFalse(pkg.chunk(0, 4096).hasArray(), "a read-only view, nobody writes into the package");
    }

    @Test
    void range_isAnUploadPiece() {
        final FirmwarePackage pkg = FirmwarePackage.seeded(300, 5);
        final byte[] tail = pkg.range(256, 256);
        assertEquals(44, tail.length);
        final byte[] expected = new byte[44];
        pkg.chunk(1, 256).get(expected);
        assertArrayEquals(expected, tail);
    }
}
