package io.hiveiot.cli.firmware;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of an upload that need no broker: checksums as the service writes them, the progress bar. */
class UploadPartsTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checksums_matchTheServicesHexForm() {
        // CRC32 of "123456789" is 0xCBF43926; Guava's HashCode writes it little-endian.
        assertEquals("2639f4cb", Checksum.CRC32.of(CHECK).orElseThrow());
        assertEquals(
                "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
                Checksum.SHA256.of(CHECK).orElseThrow());
        assertEquals("25f9e794323b453885f5181f1b624d0b", Checksum.MD5.of(CHECK).orElseThrow());
        assertTrue(Checksum.MURMUR3_128.of(CHECK).isEmpty(), "murmur is left to the service");
    }

    @Test
    void progressBar_fillsWithTheFraction_andShowsSizes() {
        assertEquals("[..............................]   0%  0 B / 2.0 MiB", ProgressBar.render(0, 2 * 1024 * 1024));
        assertEquals(
                "[###############...............]  50%  1.0 MiB / 2.0 MiB",
                ProgressBar.render(1024 * 1024, 2 * 1024 * 1024));
        assertEquals("[##############################] 100%  1.5 KiB / 1.5 KiB", ProgressBar.render(1536, 1536));
    }
}
