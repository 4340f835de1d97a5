package io.hiveiot.deviceapi.telemetry.codec;

import java.util.Arrays;

/**
 * Writes a stream of bits, most significant bit first, into a growing byte array. Varints are written in groups of
 * eight bits (seven of value and a continuation bit, least significant group first) wherever the stream is, so a
 * stream needs no alignment; text bytes are written after aligning to a byte boundary.
 */
final class BitWriter {

    private byte[] bytes;
    /** Bits written so far. */
    private long position;

    BitWriter(final int expectedBytes) {
        bytes = new byte[Math.max(16, expectedBytes)];
    }

    void writeBit(final boolean bit) {
        ensure(1);
        if (bit) {
            bytes[(int) (position >>> 3)] |= (byte) (0x80 >>> (position & 7));
        }
        position++;
    }

    /** The lowest {@code count} bits of {@code value} (0 to 64), the highest of them first. */
    void writeBits(final long value, final int count) {
        ensure(count);
        int left = count;
        while (left > 0) {
            final int free = 8 - (int) (position & 7);
            final int now = Math.min(free, left);
            final int chunk = (int) ((value >>> (left - now)) & ((1 << now) - 1));
            bytes[(int) (position >>> 3)] |= (byte) (chunk << (free - now));
            position += now;
            left -= now;
        }
    }

    /** {@code value} as an unsigned varint: seven bits per group of eight, the low group first. */
    void writeVarLong(final long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            writeBits((rest & 0x7F) | 0x80, 8);
            rest >>>= 7;
        }
        writeBits(rest, 8);
    }

    void writeZigZag(final long value) {
        writeVarLong(ZigZag.encode(value));
    }

    /** Pads to the next byte boundary with zero bits, then copies the bytes as they are. */
    void writeAlignedBytes(final byte[] source) {
        position = (position + 7) & ~7L;
        ensure((long) source.length * 8);
        System.arraycopy(source, 0, bytes, (int) (position >>> 3), source.length);
        position += (long) source.length * 8;
    }

    /** The bytes written; the last one padded with zero bits. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, (int) ((position + 7) >>> 3));
    }

    private void ensure(final long bits) {
        final long needed = (position + bits + 7) >>> 3;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a chunk cannot exceed 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
        }
    }
}
