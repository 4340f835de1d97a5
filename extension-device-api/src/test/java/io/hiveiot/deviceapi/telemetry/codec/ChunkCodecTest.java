package io.hiveiot.deviceapi.telemetry.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCodecTest {

    /** One generated point: its timestamp, type code, 64 value bits and text. */
    record Point(long ts, byte type, long bits, String text) {}

    @Property(tries = 2000)
    void anySeries_comesBackPointForPoint(@ForAll("series") final List<Point> series) {
        assertRoundTrip(series);
    }

    @Property(tries = 300)
    void oneTypedSeries_comesBackPointForPoint(
            @ForAll("doubleSeries") final List<Point> doubles, @ForAll("longSeries") final List<Point> longs) {
        assertRoundTrip(doubles);
        assertRoundTrip(longs);
    }

    @Property(tries = 300)
    void regularSecondSeries_ofOneDecimalValues_takesAboutAByteAPoint(
            @ForAll final long seed, @ForAll @IntRange(min = 50, max = 2000) final int count) {
        final Random random = new Random(seed);
        final Points points = new Points(count);
        long tenths = 200 + random.nextInt(100);
        final long start = 1_700_000_000_000L + random.nextInt(1_000_000);
        for (int i = 0; i < count; i++) {
            tenths += random.nextInt(7) - 3;
            // a device clock that ticks every second with up to 20 ms of jitter
            points.add(
                    start + i * 1000L + random.nextInt(21) - 10,
                    ValueCode.DOUBLE,
                    Double.doubleToRawLongBits(tenths / 10.0),
                    null);
        }
        final byte[] encoded = ChunkCodec.encode(points);
        assertSame(points, ChunkCodec.decode(encoded));
        assertTrue(encoded.length <= 16 + count * 1.9, encoded.length + " bytes for " + count + " points");
    }

    @Property(tries = 200)
    void arbitraryDoubles_fallBackToXor_andComeBack(@ForAll @Size(min = 1, max = 300) final List<Double> values) {
        final Points points = new Points(values.size());
        for (int i = 0; i < values.size(); i++) {
            points.add(i, ValueCode.DOUBLE, Double.doubleToRawLongBits(values.get(i)), null);
        }
        assertSame(points, ChunkCodec.decode(ChunkCodec.encode(points)));
    }

    @Property(tries = 1000)
    void garbage_isRefusedAsCorrupt_orDecodes(@ForAll @Size(max = 200) final byte[] bytes) {
        try {
            ChunkCodec.decode(bytes);
        } catch (final CorruptChunkException expected) {
            // the only way a decoder may refuse
        }
    }

    @Property(tries = 300)
    void truncatedChunk_isRefusedAsCorrupt(@ForAll("series") final List<Point> series) {
        final byte[] encoded = ChunkCodec.encode(points(series));
        final byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        try {
            ChunkCodec.decode(truncated);
        } catch (final CorruptChunkException expected) {
            return;
        }
        // the last byte held only padding: then every point must still come back
        assertSame(points(series), ChunkCodec.decode(truncated));
    }

    @Property(tries = 200)
    void textBytes_roundTripEveryString(@ForAll final String text) {
        final byte[] bytes = TextBytes.encode(text);
        assertEquals(text, TextBytes.decode(bytes, 0, bytes.length));
    }

    @Property(tries = 50)
    void textBytes_ofAsciiAndLoneSurrogates_roundTrip(@ForAll @IntRange(min = 0, max = 0xFFFF) final int unit) {
        final String text = "a" + (char) unit + "\uD800z\uDFFF";
        final byte[] bytes = TextBytes.encode(text);
        assertEquals(text, TextBytes.decode(bytes, 0, bytes.length));
    }

    @Property(tries = 100)
    void zigZag_isItsOwnInverse(@ForAll final long value) {
        assertEquals(value, ZigZag.decode(ZigZag.encode(value)));
    }

    @net.jqwik.api.Example
    void extremes_comeBack() {
        final List<Point> extremes = List.of(
                new Point(Long.MIN_VALUE, ValueCode.LONG, Long.MAX_VALUE, null),
                new Point(Long.MAX_VALUE, ValueCode.LONG, Long.MIN_VALUE, null),
                new Point(Long.MAX_VALUE, ValueCode.DOUBLE, Double.doubleToRawLongBits(-0.0), null),
                new Point(0, ValueCode.DOUBLE, Double.doubleToRawLongBits(Double.NaN), null),
                new Point(0, ValueCode.DOUBLE, 0x7FF0_0000_0000_0001L, null),
                new Point(-1, ValueCode.DOUBLE, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), null),
                new Point(Long.MIN_VALUE, ValueCode.DOUBLE, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), null),
                new Point(5, ValueCode.DOUBLE, Double.doubleToRawLongBits(Double.MIN_VALUE), null),
                new Point(5, ValueCode.BOOLEAN, 1, null),
                new Point(5, ValueCode.STRING, 0, ""),
                new Point(4, ValueCode.JSON, 0, "{\"a\":[1.50,null]}"),
                new Point(4, ValueCode.STRING, 0, "{\"a\":[1.50,null]}"));
        assertRoundTrip(extremes);
        assertRoundTrip(extremes.subList(0, 2));
        assertRoundTrip(extremes.subList(2, 8));
    }

    @net.jqwik.api.Example
    void emptyChunk_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunkCodec.encode(new Points(1)));
    }

    @net.jqwik.api.Example
    void unknownFormat_isRefusedAsCorrupt() {
        final Points one = new Points(1);
        one.add(1, ValueCode.BOOLEAN, 1, null);
        final byte[] encoded = ChunkCodec.encode(one);
        encoded[0] = 2;
        assertThrows(CorruptChunkException.class, () -> ChunkCodec.decode(encoded));
    }

    @Provide
    Arbitrary<List<Point>> series() {
        return point().list().ofMinSize(1).ofMaxSize(200);
    }

    @Provide
    Arbitrary<List<Point>> doubleSeries() {
        final Arbitrary<Long> bits = Arbitraries.oneOf(
                Arbitraries.doubles().map(Double::doubleToRawLongBits),
                Arbitraries.integers().between(-100_000, 100_000).map(i -> Double.doubleToRawLongBits(i / 100.0)),
                Arbitraries.of(
                                Double.NaN,
                                -0.0,
                                0.0,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY,
                                Double.MAX_VALUE,
                                Double.MIN_VALUE)
                        .map(Double::doubleToRawLongBits));
        return Combinators.combine(timestamp(), bits)
                .as((ts, value) -> new Point(ts, ValueCode.DOUBLE, value, null))
                .list()
                .ofMinSize(1)
                .ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<Point>> longSeries() {
        final Arbitrary<Long> values = Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-1000, 1000),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
        return Combinators.combine(timestamp(), values)
                .as((ts, value) -> new Point(ts, ValueCode.LONG, value, null))
                .list()
                .ofMinSize(1)
                .ofMaxSize(300);
    }

    private static Arbitrary<Long> timestamp() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(1_700_000_000_000L, 1_700_000_100_000L),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
    }

    private static Arbitrary<Point> point() {
        final Arbitrary<Point> bool = Combinators.combine(timestamp(), Arbitraries.of(0L, 1L))
                .as((ts, value) -> new Point(ts, ValueCode.BOOLEAN, value, null));
        final Arbitrary<Point> number = Combinators.combine(
                        timestamp(),
                        Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE)))
                .as((ts, value) -> new Point(ts, ValueCode.LONG, value, null));
        final Arbitrary<Point> decimal = Combinators.combine(
                        timestamp(),
                        Arbitraries.oneOf(
                                Arbitraries.doubles().map(Double::doubleToRawLongBits),
                                Arbitraries.integers()
                                        .between(-5000, 5000)
                                        .map(i -> Double.doubleToRawLongBits(i / 10.0)),
                                Arbitraries.longs(),
                                Arbitraries.of(Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                                        .map(Double::doubleToRawLongBits)))
                .as((ts, value) -> new Point(ts, ValueCode.DOUBLE, value, null));
        final Arbitrary<String> texts =
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), Arbitraries.of("on", "off", "", "{\"a\":1}"));
        final Arbitrary<Point> string =
                Combinators.combine(timestamp(), texts).as((ts, text) -> new Point(ts, ValueCode.STRING, 0, text));
        final Arbitrary<Point> json =
                Combinators.combine(timestamp(), texts).as((ts, text) -> new Point(ts, ValueCode.JSON, 0, text));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, bool),
                net.jqwik.api.Tuple.of(3, number),
                net.jqwik.api.Tuple.of(5, decimal),
                net.jqwik.api.Tuple.of(2, string),
                net.jqwik.api.Tuple.of(1, json));
    }

    private static Points points(final List<Point> series) {
        final Points points = new Points(series.size());
        for (final Point point : series) {
            points.add(point.ts(), point.type(), point.bits(), point.text());
        }
        return points;
    }

    private static void assertRoundTrip(final List<Point> series) {
        final Points points = points(series);
        assertSame(points, ChunkCodec.decode(ChunkCodec.encode(points)));
    }

    private static void assertSame(final Points expected, final Points actual) {
        assertEquals(expected.size(), actual.size(), "points");
        final long[] expectedTs = new long[expected.size()];
        final long[] actualTs = new long[actual.size()];
        for (int i = 0; i < expected.size(); i++) {
            expectedTs[i] = expected.ts(i);
            actualTs[i] = actual.ts(i);
            assertEquals(expected.type(i), actual.type(i), "type of point " + i);
            assertEquals(expected.bits(i), actual.bits(i), "bits of point " + i);
            assertEquals(expected.text(i), actual.text(i), "text of point " + i);
        }
        assertArrayEquals(expectedTs, actualTs);
    }
}
