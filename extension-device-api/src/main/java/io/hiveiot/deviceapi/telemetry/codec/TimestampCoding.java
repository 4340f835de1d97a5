package io.hiveiot.deviceapi.telemetry.codec;

/**
 * Delta-of-delta timestamps, as Gorilla stores them: the first in full, the second as a zigzag varint delta, every
 * later one as the change of the delta in a prefix code sized for millisecond clocks. A device reporting every second
 * with a few ms of jitter costs 9 bits a point, an exact interval one bit. Arithmetic wraps, so any sequence of longs
 * comes back, out of order and repeated ones too.
 */
final class TimestampCoding {

    private long previous;
    private long previousDelta;
    private int count;

    void write(final BitWriter out, final long ts) {
        if (count == 0) {
            out.writeBits(ts, 64);
        } else if (count == 1) {
            previousDelta = ts - previous;
            out.writeZigZag(previousDelta);
        } else {
            final long delta = ts - previous;
            writeChange(out, ZigZag.encode(delta - previousDelta));
            previousDelta = delta;
        }
        previous = ts;
        count++;
    }

    long read(final BitReader in) {
        if (count == 0) {
            previous = in.readBits(64);
        } else if (count == 1) {
            previousDelta = in.readZigZag();
            previous += previousDelta;
        } else {
            previousDelta += ZigZag.decode(readChange(in));
            previous += previousDelta;
        }
        count++;
        return previous;
    }

    /** Unsigned: '0' for no change, then '10', '110', '1110', '11110' with 7, 9, 12, 32 bits, '11111' with 64. */
    private static void writeChange(final BitWriter out, final long zigzag) {
        if (zigzag == 0) {
            out.writeBit(false);
        } else if (zigzag >>> 7 == 0) {
            out.writeBits(0b10L << 7 | zigzag, 9);
        } else if (zigzag >>> 9 == 0) {
            out.writeBits(0b110L << 9 | zigzag, 12);
        } else if (zigzag >>> 12 == 0) {
            out.writeBits(0b1110L << 12 | zigzag, 16);
        } else if (zigzag >>> 32 == 0) {
            out.writeBits(0b11110, 5);
            out.writeBits(zigzag, 32);
        } else {
            out.writeBits(0b11111, 5);
            out.writeBits(zigzag, 64);
        }
    }

    private static long readChange(final BitReader in) {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return in.readBits(7);
        }
        if (!in.readBit()) {
            return in.readBits(9);
        }
        if (!in.readBit()) {
            return in.readBits(12);
        }
        return in.readBits(in.readBit() ? 64 : 32);
    }
}
