package io.hiveiot.firmware.pkg;

import org.apache.commons.codec.digest.MurmurHash3;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * How a device checks a download, the way ThingsBoard's example script does ({@code verify_checksum}): digests as
 * plain hex; CRC32 and Murmur3 as the number's big-endian hex with the byte order reversed. It uses other libraries
 * than the extension (java.security, java.util.zip, commons-codec), so agreement is evidence, not a tautology.
 */
public final class DeviceSideChecksum {

    private DeviceSideChecksum() {}

    public static String of(final String algorithm, final byte[] data) {
        return switch (algorithm) {
            case "MD5" -> digest("MD5", data);
            case "SHA256" -> digest("SHA-256", data);
            case "SHA384" -> digest("SHA-384", data);
            case "SHA512" -> digest("SHA-512", data);
            case "CRC32" -> {
                final var crc = new CRC32();
                crc.update(data);
                yield reversedBytes(String.format("%08x", crc.getValue()));
            }
            case "MURMUR3_32" ->
                reversedBytes(
                        String.format("%08x", Integer.toUnsignedLong(MurmurHash3.hash32x86(data, 0, data.length, 0))));
            case "MURMUR3_128" -> {
                // Python's mmh3.hash128 (the example's library) returns h1 + (h2 << 64).
                final long[] hash = MurmurHash3.hash128x64(data, 0, data.length, 0);
                final BigInteger value = new BigInteger(1, longBytes(hash[1], hash[0]));
                yield reversedBytes(String.format("%032x", value));
            }
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    private static String digest(final String name, final byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(data));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example's {@code "".join(reversed([hex[i:i+2] for i in range(0, len(hex), 2)]))}. */
    private static String reversedBytes(final String hex) {
        final var reversed = new StringBuilder(hex.length());
        for (int i = hex.length() - 2; i >= 0; i -= 2) {
            reversed.append(hex, i, i + 2);
        }
        return reversed.toString();
    }

    private static byte[] longBytes(final long high, final long low) {
        final byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }
}
