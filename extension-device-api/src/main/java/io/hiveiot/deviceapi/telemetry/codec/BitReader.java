package io.hiveiot.deviceapi.telemetry.codec;

/**
 * Reads what a {@link BitWriter} wrote. Reading past the end throws {@link CorruptChunkException}. A read of up to
 * 57 bits is one load of the eight bytes around the position and two shifts; reads decode every point of a chunk,
 * so this is the hot loop of history and aggregate queries.
 */
final class BitReader {

    private static final int FAST_BITS = 57;

    private final byte[] bytes;
    private final long limit;
    private long position;

    BitReader(final byte[] bytes) {
        this.bytes = bytes;
        this.limit = (long) bytes.length * 8;
    }

    boolean readBit() {
        check(1);
        final boolean bit = (bytes[(int) (position >>> 3)] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    long readBits(final int count) {
        if (count == 0) {
            return 0;
        }
        if (count > FAST_BITS) {
            final long high = readBits(count - 32);
            return high << 32 | readBits(32);
        }
        check(count);
        final long word = load(position >>> 3);
        final long value = (word << (position & 7)) >>> (64 - count);
        position += count;
        return value;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final long group = readBits(8);
            value |= (group & 0x7F) << shift;
            if ((group & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptChunkException("a varint longer than 64 bits");
    }

    long readZigZag() {
        return ZigZag.decode(readVarLong());
    }

    byte[] readAlignedBytes(final int length) {
        position = (position + 7) & ~7L;
        check((long) length * 8);
        final byte[] copy = new byte[length];
        System.arraycopy(bytes, (int) (position >>> 3), copy, 0, length);
        position += (long) length * 8;
        return copy;
    }

    /** Eight bytes from {@code index} on, big-endian, zeros past the end. */
    private long load(final long index) {
        final int at = (int) index;
        if (at + 8 <= bytes.length) {
            return (bytes[at] & 0xFFL) << 56
                    | (bytes[at + 1] & 0xFFL) << 48
                    | (bytes[at + 2] & 0xFFL) << 40
                    | (bytes[at + 3] & 0xFFL) << 32
                    | (bytes[at + 4] & 0xFFL) << 24
                    | (bytes[at + 5] & 0xFFL) << 16
                    | (bytes[at + 6] & 0xFFL) << 8
                    | bytes[at + 7] & 0xFFL;
        }
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = word << 8 | (at + i < bytes.length ? bytes[at + i] & 0xFFL : 0);
        }
        return word;
    }

    private void check(final long bits) {
        if (bits < 0 || position + bits > limit) {
            throw new CorruptChunkException("the chunk ends early");
        }
    }
}
