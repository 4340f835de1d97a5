package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.CorruptChunkException;
import io.hiveiot.deviceapi.telemetry.codec.DecimalScale;
import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.deviceapi.telemetry.codec.TextBytes;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;
import io.hiveiot.deviceapi.telemetry.codec.ZigZag;

import java.util.Arrays;

/**
 * The binary points of an ingest row: the messages of one commit, one after the other, each
 * <pre>
 * count   varint
 * points  series id (varint), ts (zigzag varint; after the first, the change from the previous point's),
 *         type code (1 byte), value: BOOLEAN 1 byte, LONG zigzag varint, DOUBLE 8 bytes (IEEE, big-endian),
 *         STRING/JSON varint length + text bytes ({@link TextBytes}); a DOUBLE that is a short decimal
 *         ({@link DecimalScale}) has the code {@code 0x40 + exponent} and the zigzag varint of its integer instead
 * </pre>
 * Byte-aligned and cheap to write, since every point is written here once; compression is the chunks' job. The
 * decimal form keeps a sensor's {@code 21.3} at two bytes: unsealed points are a fixed share of the file, as many
 * as the heads hold.
 */
final class IngestCodec {

    /** Receives the points of a row in the order they were written. */
    @FunctionalInterface
    interface Sink {
        void point(int series, long ts, byte type, long bits, String text);
    }

    /** The code of a DOUBLE written as a decimal integer, plus its exponent. */
    private static final int DECIMAL = 0x40;

    private IngestCodec() {}

    static byte[] encode(final int[] series, final Points points) {
        final var out = new Bytes(points.size() * 16 + 8);
        out.varLong(points.size());
        long previous = 0;
        for (int i = 0; i < points.size(); i++) {
            out.varLong(series[i]);
            out.varLong(ZigZag.encode(points.ts(i) - previous));
            previous = points.ts(i);
            final byte type = points.type(i);
            switch (type) {
                case ValueCode.BOOLEAN -> {
                    out.add(type);
                    out.add((byte) points.bits(i));
                }
                case ValueCode.LONG -> {
                    out.add(type);
                    out.varLong(ZigZag.encode(points.bits(i)));
                }
                case ValueCode.DOUBLE -> {
                    final int exponent = DecimalScale.of(points.bits(i));
                    if (exponent >= 0) {
                        out.add((byte) (DECIMAL + exponent));
                        out.varLong(ZigZag.encode(DecimalScale.scaled(points.bits(i), exponent)));
                    } else {
                        out.add(type);
                        out.fixedLong(points.bits(i));
                    }
                }
                default -> {
                    out.add(type);
                    final byte[] text = TextBytes.encode(points.text(i));
                    out.varLong(text.length);
                    out.add(text);
                }
            }
        }
        return out.toByteArray();
    }

    /** @throws CorruptChunkException when the row is not what {@link #encode} writes, concatenated */
    static void decode(final byte[] row, final Sink sink) {
        final var in = new Reader(row);
        while (in.more()) {
            final long count = in.varLong();
            long ts = 0;
            for (long i = 0; i < count; i++) {
                final long series = in.varLong();
                if (series < 1 || series > Integer.MAX_VALUE) {
                    throw new CorruptChunkException("series id " + series + " in an ingest row");
                }
                ts += ZigZag.decode(in.varLong());
                final byte type = in.next();
                switch (type) {
                    case ValueCode.BOOLEAN -> sink.point((int) series, ts, type, in.next() == 0 ? 0 : 1, null);
                    case ValueCode.LONG -> sink.point((int) series, ts, type, ZigZag.decode(in.varLong()), null);
                    case ValueCode.DOUBLE -> sink.point((int) series, ts, type, in.fixedLong(), null);
                    case ValueCode.STRING, ValueCode.JSON -> sink.point((int) series, ts, type, 0, in.text());
                    default -> {
                        final int exponent = type - DECIMAL;
                        if (exponent < 0 || exponent > DecimalScale.MAX_EXPONENT) {
                            throw new CorruptChunkException("value type code " + type + " in an ingest row");
                        }
                        sink.point(
                                (int) series,
                                ts,
                                ValueCode.DOUBLE,
                                DecimalScale.unscaled(ZigZag.decode(in.varLong()), exponent),
                                null);
                    }
                }
            }
        }
    }

    /** A growing byte array. */
    static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(final int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void add(final byte value) {
            ensure(1);
            bytes[size++] = value;
        }

        void add(final byte[] values) {
            ensure(values.length);
            System.arraycopy(values, 0, bytes, size, values.length);
            size += values.length;
        }

        void varLong(final long value) {
            ensure(10);
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                bytes[size++] = (byte) (rest & 0x7F | 0x80);
                rest >>>= 7;
            }
            bytes[size++] = (byte) rest;
        }

        void fixedLong(final long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(final int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(final byte[] bytes) {
            this.bytes = bytes;
        }

        boolean more() {
            return position < bytes.length;
        }

        byte next() {
            if (position >= bytes.length) {
                throw new CorruptChunkException("an ingest row ends early");
            }
            return bytes[position++];
        }

        long varLong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                final byte group = next();
                value |= (long) (group & 0x7F) << shift;
                if (group >= 0) {
                    return value;
                }
            }
            throw new CorruptChunkException("a varint longer than 64 bits in an ingest row");
        }

        long fixedLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (next() & 0xFF);
            }
            return value;
        }

        String text() {
            final long length = varLong();
            if (length < 0 || length > bytes.length - position) {
                throw new CorruptChunkException("a text beyond the end of an ingest row");
            }
            final String text = TextBytes.decode(bytes, position, (int) length);
            position += (int) length;
            return text;
        }
    }
}
