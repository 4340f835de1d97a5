package io.hiveiot.firmware.pkg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChecksumAlgorithmTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc32_ofTheCheckString_isTheLittleEndianHexOfCbf43926() {
        // The CRC-32 check value of "123456789" is 0xCBF43926; ThingsBoard prints its bytes little-endian.
        assertEquals("2639f4cb", ChecksumAlgorithm.CRC32.checksum(CHECK));
    }

    @Test
    void murmur3_32_ofHello_isTheLittleEndianHexOf248bfa47() {
        // MurmurHash3_x86_32("hello", seed 0) = 0x248BFA47 (613153351, as Python's mmh3.hash prints it).
        assertEquals("47fa8b24", ChecksumAlgorithm.MURMUR3_32.checksum("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void digests_ofAbc_areTheirStandardTestVectors() {
        final byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("900150983cd24fb0d6963f7d28e17f72", ChecksumAlgorithm.MD5.checksum(abc));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ChecksumAlgorithm.SHA256.checksum(abc));
        assertEquals(
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed" + "8086072ba1e7cc2358baeca134c825a7",
                ChecksumAlgorithm.SHA384.checksum(abc));
        assertEquals(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                ChecksumAlgorithm.SHA512.checksum(abc));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void checksum_equalsWhatTheExampleDeviceComputesWithOtherLibraries(final ChecksumAlgorithm algorithm) {
        final var random = new Random(42);
        for (final int size : new int[] {1, 3, 15, 16, 17, 1000, 65_537}) {
            final byte[] data = new byte[size];
            random.nextBytes(data);
            assertEquals(
                    DeviceSideChecksum.of(algorithm.name(), data),
                    algorithm.checksum(data),
                    algorithm + " of " + size + " bytes");
        }
    }

    @Test
    void default_isSha256_asInThingsBoard() {
        assertEquals(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.DEFAULT);
    }
}
