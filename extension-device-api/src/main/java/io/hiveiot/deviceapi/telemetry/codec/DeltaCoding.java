package io.hiveiot.deviceapi.telemetry.codec;

/**
 * Small integer changes in a prefix code: the change's zigzag value as '0' for none, then '10', '110', '1110' with
 * 2, 5, 12 bits, and '1111' with a varint. Used for the integers of decimal doubles, where a sensor's reading moves
 * by a few of its last digit from second to second: four bits a point instead of a varint's eight.
 */
final class DeltaCoding {

    private DeltaCoding() {}

    static void write(final BitWriter out, final long change) {
        final long zigzag = ZigZag.encode(change);
        if (zigzag == 0) {
            out.writeBit(false);
        } else if (zigzag >>> 2 == 0) {
            out.writeBits(0b10L << 2 | zigzag, 4);
        } else if (zigzag >>> 5 == 0) {
            out.writeBits(0b110L << 5 | zigzag, 8);
        } else if (zigzag >>> 12 == 0) {
            out.writeBits(0b1110L << 12 | zigzag, 16);
        } else {
            out.writeBits(0b1111, 4);
            out.writeVarLong(zigzag);
        }
    }

    static long read(final BitReader in) {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return ZigZag.decode(in.readBits(2));
        }
        if (!in.readBit()) {
            return ZigZag.decode(in.readBits(5));
        }
        if (!in.readBit()) {
            return ZigZag.decode(in.readBits(12));
        }
        return ZigZag.decode(in.readVarLong());
    }
}
