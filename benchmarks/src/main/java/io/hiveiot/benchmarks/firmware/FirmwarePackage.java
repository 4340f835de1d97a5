package io.hiveiot.benchmarks.firmware;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The package every device downloads: random bytes from a fixed seed, so that both brokers serve the same bytes
 * and a run can be repeated, with their SHA-256 as ThingsBoard writes {@code fw_checksum} (lower-case hex).
 */
public final class FirmwarePackage {

    /** Fixed, so that every run and both brokers serve the same bytes. */
    public static final long SEED = 7;

    private final byte[] bytes;
    private final String sha256;

    private FirmwarePackage(final byte[] bytes) {
        this.bytes = bytes;
        this.sha256 = HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static FirmwarePackage seeded(final int size, final long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("a package has at least one byte, not " + size);
        }
        final byte[] bytes = new byte[size];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long word = random.nextLong();
            for (int j = i; j < Math.min(size, i + 8); j++, word >>>= 8) {
                bytes[j] = (byte) word;
            }
        }
        return new FirmwarePackage(bytes);
    }

    public int size() {
        return bytes.length;
    }

    public String sha256Hex() {
        return sha256;
    }

    /** How many chunks of {@code chunkSize} a device asks for (the last one may be short). */
    public int chunkCount(final int chunkSize) {
        return (int) ((bytes.length + (long) chunkSize - 1) / chunkSize);
    }

    /**
     * Bytes {@code [n*size, n*size+size)} as ThingsBoard slices a package, a read-only view (the bare broker's
     * server publishes it without a copy); empty past the end.
     */
    public ByteBuffer chunk(final int n, final int chunkSize) {
        final long from = (long) n * chunkSize;
        if (n < 0 || chunkSize < 1 || from >= bytes.length) {
            return ByteBuffer.allocate(0);
        }
        final int length = (int) Math.min(chunkSize, bytes.length - from);
        return ByteBuffer.wrap(bytes, (int) from, length).slice().asReadOnlyBuffer();
    }

    /** Bytes {@code [from, from+length)} copied, for an upload piece. */
    public byte[] range(final int from, final int length) {
        final byte[] piece = new byte[Math.min(length, bytes.length - from)];
        System.arraycopy(bytes, from, piece, 0, piece.length);
        return piece;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
