package io.hiveiot.deviceapi.telemetry.codec;

/**
 * The binary form of a chunk: the points of one series, compressed as time-series stores do (Gorilla, Prometheus,
 * InfluxDB TSM). One bit stream:
 * <pre>
 * format       8 bits, 1
 * count        varint
 * types        '0' + 3-bit code when every point has one type, else '1', a bit each for "has doubles" and
 *              "has texts", and a 3-bit code before each value
 * doubles      when there are any: '1' + 5-bit exponent when they are all short decimals ({@link DecimalScale}),
 *              else '0' (Gorilla XOR)
 * texts        when there are any STRING or JSON values: the {@link TextDictionary}
 * per point    the timestamp ({@link TimestampCoding}), then the value:
 *                BOOLEAN one bit; LONG a zigzag varint of the change from the previous long;
 *                DOUBLE the change of its decimal integer ({@link DeltaCoding}), or {@link XorCoding};
 *                STRING/JSON the dictionary index
 * </pre>
 * A series may change its value type from point to point, as ThingsBoard allows. The codec keeps the points in the
 * order given, any timestamps included: ordering and de-duplication are the caller's.
 */
public final class ChunkCodec {

    static final int FORMAT = 1;

    private ChunkCodec() {}

    public static byte[] encode(final Points points) {
        final int count = points.size();
        if (count == 0) {
            throw new IllegalArgumentException("a chunk holds at least one point");
        }
        final BitWriter out = new BitWriter(count * 2 + 32);
        out.writeBits(FORMAT, 8);
        out.writeVarLong(count);
        final byte single = points.type(0);
        boolean mixed = false;
        boolean doubles = false;
        boolean texts = false;
        for (int i = 0; i < count; i++) {
            final byte type = points.type(i);
            mixed |= type != single;
            doubles |= type == ValueCode.DOUBLE;
            texts |= ValueCode.isText(type);
        }
        out.writeBit(mixed);
        if (mixed) {
            out.writeBit(doubles);
            out.writeBit(texts);
        } else {
            out.writeBits(single, 3);
        }
        int exponent = -1;
        if (doubles) {
            exponent = DecimalScale.of(points);
            out.writeBit(exponent >= 0);
            if (exponent >= 0) {
                out.writeBits(exponent, 5);
            }
        }
        final TextDictionary dictionary = texts ? TextDictionary.of(points) : null;
        if (dictionary != null) {
            dictionary.write(out);
        }
        final var timestamps = new TimestampCoding();
        final var xor = new XorCoding();
        long previousLong = 0;
        long previousDecimal = 0;
        for (int i = 0; i < count; i++) {
            timestamps.write(out, points.ts(i));
            final byte type = points.type(i);
            if (mixed) {
                out.writeBits(type, 3);
            }
            switch (type) {
                case ValueCode.BOOLEAN -> out.writeBit(points.bits(i) != 0);
                case ValueCode.LONG -> {
                    out.writeZigZag(points.bits(i) - previousLong);
                    previousLong = points.bits(i);
                }
                case ValueCode.DOUBLE -> {
                    if (exponent >= 0) {
                        final long decimal = DecimalScale.scaled(points.bits(i), exponent);
                        DeltaCoding.write(out, decimal - previousDecimal);
                        previousDecimal = decimal;
                    } else {
                        xor.write(out, points.bits(i));
                    }
                }
                default -> dictionary.writeIndex(out, points.text(i));
            }
        }
        return out.toByteArray();
    }

    /** @throws CorruptChunkException when {@code data} is not a chunk this code writes */
    public static Points decode(final byte[] data) {
        final BitReader in = new BitReader(data);
        final long format = in.readBits(8);
        if (format != FORMAT) {
            throw new CorruptChunkException("unknown chunk format " + format);
        }
        final long count = in.readVarLong();
        // every point takes at least one bit: a bound against allocating for garbage
        if (count < 1 || count > (long) data.length * 8) {
            throw new CorruptChunkException("a chunk of " + count + " points in " + data.length + " bytes");
        }
        final boolean mixed = in.readBit();
        final byte single = mixed ? 0 : type(in);
        final boolean doubles = mixed ? in.readBit() : single == ValueCode.DOUBLE;
        final boolean texts = mixed ? in.readBit() : ValueCode.isText(single);
        final int exponent = doubles ? exponent(in) : -1;
        final TextDictionary dictionary = texts ? TextDictionary.read(in) : null;
        return readPoints(in, (int) count, mixed, single, exponent, dictionary);
    }

    private static Points readPoints(
            final BitReader in,
            final int count,
            final boolean mixed,
            final byte single,
            final int exponent,
            final TextDictionary dictionary) {
        final Points points = new Points(count);
        final var timestamps = new TimestampCoding();
        final var xor = new XorCoding();
        long previousLong = 0;
        long previousDecimal = 0;
        for (int i = 0; i < count; i++) {
            final long ts = timestamps.read(in);
            final byte type = mixed ? type(in) : single;
            switch (type) {
                case ValueCode.BOOLEAN -> points.add(ts, type, in.readBit() ? 1 : 0, null);
                case ValueCode.LONG -> {
                    previousLong += in.readZigZag();
                    points.add(ts, type, previousLong, null);
                }
                case ValueCode.DOUBLE -> {
                    if (exponent >= 0) {
                        previousDecimal += DeltaCoding.read(in);
                        points.add(ts, type, DecimalScale.unscaled(previousDecimal, exponent), null);
                    } else {
                        points.add(ts, type, xor.read(in), null);
                    }
                }
                default -> {
                    if (dictionary == null) {
                        throw new CorruptChunkException("a text value in a chunk without texts");
                    }
                    points.add(ts, type, 0, dictionary.readText(in));
                }
            }
        }
        return points;
    }

    private static int exponent(final BitReader in) {
        if (!in.readBit()) {
            return -1;
        }
        final int exponent = (int) in.readBits(5);
        if (exponent > DecimalScale.MAX_EXPONENT) {
            throw new CorruptChunkException("a decimal exponent of " + exponent);
        }
        return exponent;
    }

    private static byte type(final BitReader in) {
        final int code = (int) in.readBits(3);
        if (!ValueCode.isValid(code)) {
            throw new CorruptChunkException("unknown value type code " + code);
        }
        return (byte) code;
    }
}
