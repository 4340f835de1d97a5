package io.hiveiot.cli.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The checksum of a package as hive-iot-firmware writes it (lower-case hex as Guava's
 * {@code HashCode.toString()}, so CRC32 little-endian), computed locally so the upload can be
 * verified by the service. The murmur algorithms have no JDK implementation: the service computes them.
 */
enum Checksum {
    MD5("MD5"),
    SHA256("SHA-256"),
    SHA384("SHA-384"),
    SHA512("SHA-512"),
    CRC32(null),
    MURMUR3_32(null),
    MURMUR3_128(null);

    private final String jdkName;

    Checksum(final String jdkName) {
        this.jdkName = jdkName;
    }

    /** The checksum of {@code bytes}, or empty when only the service can compute it. */
    Optional<String> of(final byte[] bytes) {
        if (this == CRC32) {
            final CRC32 crc = new CRC32();
            crc.update(bytes);
            final int value = (int) crc.getValue();
            // Guava's HashCode.fromInt writes the int's bytes little-endian first.
            return Optional.of(HexFormat.of().formatHex(new byte[] {
                (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
            }));
        }
        if (jdkName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    HexFormat.of().formatHex(MessageDigest.getInstance(jdkName).digest(bytes)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jdkName, e);
        }
    }
}
