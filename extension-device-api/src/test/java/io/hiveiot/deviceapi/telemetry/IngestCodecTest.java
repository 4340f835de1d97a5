package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IngestCodecTest {

    /** One point of a message: series, ts, type, bits, text. */
    record Point(int series, long ts, byte type, long bits, String text) {}

    @Property(tries = 1000)
    void messagesOfARow_comeBackPointForPoint(@ForAll("messages") final List<List<Point>> messages) {
        final var row = new IngestCodec.Bytes(64);
        for (final List<Point> message : messages) {
            final int[] series = new int[message.size()];
            final Points points = new Points(message.size());
            for (int i = 0; i < message.size(); i++) {
                series[i] = message.get(i).series();
                points.add(
                        message.get(i).ts(),
                        message.get(i).type(),
                        message.get(i).bits(),
                        message.get(i).text());
            }
            row.add(IngestCodec.encode(series, points));
        }
        final var decoded = new ArrayList<Point>();
        IngestCodec.decode(
                row.toByteArray(),
                (series, ts, type, bits, text) -> decoded.add(new Point(series, ts, type, bits, text)));

        assertEquals(messages.stream().flatMap(List::stream).toList(), decoded);
    }

    @Provide
    Arbitrary<List<List<Point>>> messages() {
        final Arbitrary<Long> ts = Arbitraries.oneOf(
                Arbitraries.longs(), Arbitraries.longs().between(1_700_000_000_000L, 1_700_000_100_000L));
        final Arbitrary<Point> number = Combinators.combine(
                        Arbitraries.integers().between(1, Integer.MAX_VALUE),
                        ts,
                        Arbitraries.of(ValueCode.BOOLEAN, ValueCode.LONG, ValueCode.DOUBLE),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(-100_000, 100_000))
                .as((series, time, type, bits, decimal) -> new Point(
                        series,
                        time,
                        type,
                        type == ValueCode.BOOLEAN
                                ? bits & 1
                                : type == ValueCode.DOUBLE && decimal % 2 == 0
                                        ? Double.doubleToRawLongBits(decimal / 100.0)
                                        : bits,
                        null));
        final Arbitrary<Point> text = Combinators.combine(
                        Arbitraries.integers().between(1, 1000),
                        ts,
                        Arbitraries.of(ValueCode.STRING, ValueCode.JSON),
                        Arbitraries.strings().ofMaxLength(20))
                .as((series, time, type, value) -> new Point(series, time, type, 0, value));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, number), net.jqwik.api.Tuple.of(1, text))
                .list()
                .ofMinSize(1)
                .ofMaxSize(20)
                .list()
                .ofMinSize(1)
                .ofMaxSize(10);
    }
}
