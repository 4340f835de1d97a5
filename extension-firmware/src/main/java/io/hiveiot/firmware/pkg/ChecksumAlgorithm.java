package io.hiveiot.firmware.pkg;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

import java.util.Optional;

/**
 * ThingsBoard's checksum algorithms, computed and printed as ThingsBoard does: Guava's hash functions and
 * {@code HashCode.toString()}, which writes the hash's bytes in order. For the digests that is the usual hex; for
 * CRC32 and Murmur3, whose Guava hash codes hold the value's bytes little-endian, it is the little-endian hex of the
 * number (CRC32 {@code 0xCBF43926} prints as {@code 2639f4cb}). Devices running ThingsBoard's examples compare
 * exactly this text, which is why those reverse the byte order.
 */
@SuppressWarnings("deprecation") // md5 is what devices ask for: a checksum here, not a security measure
public enum ChecksumAlgorithm {
    MD5(Hashing.md5()),
    SHA256(Hashing.sha256()),
    SHA384(Hashing.sha384()),
    SHA512(Hashing.sha512()),
    /** Guava's crc32 is {@link java.util.zip.CRC32}; only the printing is Guava's. */
    CRC32(Hashing.crc32()),
    /** Seed 0; for bytes the "fixed" and the original Guava murmur3_32 agree (they differ only for some strings). */
    MURMUR3_32(Hashing.murmur3_32_fixed()),
    /** x64 variant, seed 0: h1 then h2, each little-endian. */
    MURMUR3_128(Hashing.murmur3_128());

    /** ThingsBoard's default when a package names none. */
    public static final ChecksumAlgorithm DEFAULT = SHA256;

    private final HashFunction function;

    ChecksumAlgorithm(final HashFunction function) {
        this.function = function;
    }

    /** The checksum text ThingsBoard would store for these bytes. */
    public String checksum(final byte[] bytes) {
        return function.hashBytes(bytes).toString();
    }

    public static Optional<ChecksumAlgorithm> named(final String name) {
        try {
            return Optional.of(valueOf(name));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
