package io.hiveiot.deviceapi.telemetry.codec;

/**
 * Gorilla's XOR encoding of doubles: each value's raw bits XOR the previous one's; an unchanged value costs one bit,
 * and the meaningful bits of the XOR are written inside the previous window of leading and trailing zeros when they
 * fit, else with a new window (5 bits of leading zeros, 6 of length). Every bit pattern round-trips, NaN payloads
 * and -0.0 included.
 */
final class XorCoding {

    private long previous;
    private int leading = -1;
    private int trailing;
    private boolean started;

    void write(final BitWriter out, final long bits) {
        if (!started) {
            out.writeBits(bits, 64);
            previous = bits;
            started = true;
            return;
        }
        final long xor = bits ^ previous;
        previous = bits;
        if (xor == 0) {
            out.writeBit(false);
            return;
        }
        out.writeBit(true);
        final int newLeading = Math.min(31, Long.numberOfLeadingZeros(xor));
        final int newTrailing = Long.numberOfTrailingZeros(xor);
        if (leading >= 0 && newLeading >= leading && newTrailing >= trailing) {
            out.writeBit(false);
            out.writeBits(xor >>> trailing, 64 - leading - trailing);
        } else {
            final int meaningful = 64 - newLeading - newTrailing;
            out.writeBit(true);
            out.writeBits(newLeading, 5);
            out.writeBits(meaningful - 1, 6);
            out.writeBits(xor >>> newTrailing, meaningful);
            leading = newLeading;
            trailing = newTrailing;
        }
    }

    long read(final BitReader in) {
        if (!started) {
            previous = in.readBits(64);
            started = true;
            return previous;
        }
        if (!in.readBit()) {
            return previous;
        }
        if (in.readBit()) {
            leading = (int) in.readBits(5);
            final int meaningful = (int) in.readBits(6) + 1;
            trailing = 64 - leading - meaningful;
            if (trailing < 0) {
                throw new CorruptChunkException("a double's window is wider than 64 bits");
            }
        } else if (leading < 0) {
            throw new CorruptChunkException("a double reuses a window before the first one");
        }
        previous ^= in.readBits(64 - leading - trailing) << trailing;
        return previous;
    }
}
