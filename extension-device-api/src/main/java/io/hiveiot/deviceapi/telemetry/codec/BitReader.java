package io.hiveiot.deviceapi.telemetry.codec;

/** Reads what a {@link BitWriter} wrote. Reading past the end throws {@link CorruptChunkException}. */
final class BitReader {

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
        check(count);
        long value = 0;
        int left = count;
        while (left > 0) {
            final int offset = (int) (position & 7);
            final int available = 8 - offset;
            final int now = Math.min(available, left);
            final int current = bytes[(int) (position >>> 3)] & 0xFF;
            final int chunk = (current >>> (available - now)) & ((1 << now) - 1);
            value = (value << now) | chunk;
            position += now;
            left -= now;
        }
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

    private void check(final long bits) {
        if (bits < 0 || position + bits > limit) {
            throw new CorruptChunkException("the chunk ends early");
        }
    }
}
