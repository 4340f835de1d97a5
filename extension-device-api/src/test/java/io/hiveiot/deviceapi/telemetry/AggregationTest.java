package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AggregationTest {

    private static final String DEVICE = "0b6f3c1e-device";
    private static final Set<String> KEYS = Set.of("a", "b");

    @TempDir
    Path folder;

    private Database database;
    private TelemetryStore store;

    @BeforeEach
    void open() {
        database = TestDatabase.open(folder);
        store = new TelemetryStore(database, new TelemetrySettings(7, Duration.ofDays(1), Duration.ofHours(1)));
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void aggregates_equalThoseComputedFromEveryPoint_whateverIsSealedOverlappingOrNot() {
        final Random random = new Random(20261207);
        for (int round = 0; round < 30; round++) {
            final var batches = new ArrayList<TsKvBatch>();
            for (int i = 0; i < 40; i++) {
                // mostly in order, some old or repeated timestamps, halves (exact sums), a few other types
                final long ts = random.nextInt(10) == 0 ? random.nextInt(1_000) : round * 40L + i + 1_000;
                batches.add(batch(ts, random.nextBoolean() ? "a" : "b", value(random)));
            }
            await(store.append(DEVICE, batches));
            if (random.nextInt(3) == 0) {
                await(store.sealAll());
            }
            final long from = random.nextInt(1_500);
            final long to = from + 1 + random.nextInt(2_000);
            final long interval = 1 + random.nextInt(300);
            for (final Aggregation aggregation :
                    List.of(Aggregation.AVG, Aggregation.MIN, Aggregation.MAX, Aggregation.SUM, Aggregation.COUNT)) {
                assertEquals(
                        expected(from, to, interval, aggregation),
                        aggregated(from, to, interval, aggregation),
                        aggregation + " of [" + from + ", " + to + ") by " + interval + " in round " + round);
            }
        }
    }

    @Test
    void wholeChunksInsideAnInterval_areAnsweredFromTheirSummaries_withThingsBoardsTypes() {
        final var batches = new ArrayList<TsKvBatch>();
        for (long ts = 0; ts < 70; ts++) {
            batches.add(batch(ts, "a", new LongValue(ts)));
        }
        batches.add(batch(100, "b", new LongValue(3)));
        batches.add(batch(101, "b", new DoubleValue(0.5)));
        await(store.append(DEVICE, batches));
        await(store.sealAll());

        assertEquals(
                List.of(new TsEntry("a", 35, new LongValue(2415))),
                aggregated(0, 70, 70, Aggregation.SUM),
                "ten chunks of seven longs: a LONG sum");
        assertEquals(List.of(new TsEntry("a", 35, new DoubleValue(34.5))), aggregated(0, 70, 70, Aggregation.AVG));
        assertEquals(List.of(new TsEntry("a", 35, new LongValue(69))), aggregated(0, 70, 70, Aggregation.MAX));
        assertEquals(
                List.of(new TsEntry("b", 125, new DoubleValue(3.5)), new TsEntry("a", 75, new LongValue(1190))),
                aggregated(0, 150, 50, Aggregation.SUM).subList(0, 2),
                "a double in the interval: a DOUBLE sum");
        assertEquals(
                new TsEntry("b", 125, new DoubleValue(0.5)),
                aggregated(0, 150, 50, Aggregation.MIN).get(0));
    }

    @Test
    void aggregatedPages_continueAfterTheirCursor() {
        final var batches = new ArrayList<TsKvBatch>();
        for (long ts = 0; ts < 100; ts++) {
            batches.add(batch(ts, "a", new LongValue(ts), "b", new LongValue(-ts)));
        }
        await(store.append(DEVICE, batches));
        final List<TsEntry> all = aggregated(0, 100, 10, Aggregation.COUNT);
        assertEquals(20, all.size());

        final var paged = new ArrayList<TsEntry>();
        Optional<HistoryCursor> cursor = Optional.empty();
        do {
            final HistoryPage page = await(store.history(DEVICE, KEYS, 0, 100, 3, cursor, Aggregation.COUNT, 10));
            paged.addAll(page.entries());
            cursor = page.next();
        } while (cursor.isPresent());
        assertEquals(all, paged);
    }

    @Test
    void tooManyIntervals_orNone_areRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> store.history(DEVICE, KEYS, 0, 1_000_000, 10, Optional.empty(), Aggregation.AVG, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.history(DEVICE, KEYS, 0, 10, 10, Optional.empty(), Aggregation.AVG, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.history(
                        DEVICE,
                        KEYS,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        10,
                        Optional.empty(),
                        Aggregation.AVG,
                        Long.MAX_VALUE));
    }

    private static TypedValue value(final Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new StringValue("s" + random.nextInt(3));
            case 1 -> new BooleanValue(random.nextBoolean());
            case 2, 3, 4 -> new LongValue(random.nextInt(2_000) - 1_000);
            default -> new DoubleValue((random.nextInt(2_000) - 1_000) / 2.0);
        };
    }

    private List<TsEntry> aggregated(
            final long from, final long to, final long interval, final Aggregation aggregation) {
        return await(store.history(
                        DEVICE, KEYS, from, to, TelemetryStore.MAX_LIMIT, Optional.empty(), aggregation, interval))
                .entries();
    }

    /** The aggregate as a reader of every point computes it, independently of the store's summaries. */
    private List<TsEntry> expected(final long from, final long to, final long interval, final Aggregation aggregation) {
        final List<TsEntry> points = await(
                        store.history(DEVICE, KEYS, from, to, TelemetryStore.MAX_LIMIT, Optional.empty()))
                .entries();
        final var entries = new ArrayList<TsEntry>();
        for (final String key : List.of("a", "b")) {
            for (long start = from; start < to; start += interval) {
                final long end = Math.min(to, start + interval);
                final long intervalStart = start;
                final List<TypedValue> values = points.stream()
                        .filter(point -> point.key().equals(key) && point.ts() >= intervalStart && point.ts() < end)
                        .map(TsEntry::value)
                        .toList();
                final TypedValue result = aggregate(values, aggregation);
                if (result != null) {
                    entries.add(new TsEntry(key, start + (end - start) / 2, result));
                }
            }
        }
        entries.sort(Comparator.comparingLong(TsEntry::ts).reversed().thenComparing(TsEntry::key));
        return entries;
    }

    private static TypedValue aggregate(final List<TypedValue> values, final Aggregation aggregation) {
        if (aggregation == Aggregation.COUNT) {
            return values.isEmpty() ? null : new LongValue(values.size());
        }
        final List<TypedValue> numbers = values.stream()
                .filter(value -> value instanceof LongValue || value instanceof DoubleValue)
                .toList();
        if (numbers.isEmpty()) {
            return null;
        }
        final boolean longs = numbers.stream().allMatch(value -> value instanceof LongValue);
        final List<Double> doubles = numbers.stream()
                .map(value ->
                        value instanceof LongValue number ? (double) number.value() : ((DoubleValue) value).value())
                .toList();
        final double sum = doubles.stream().mapToDouble(Double::doubleValue).sum();
        return switch (aggregation) {
            case AVG -> new DoubleValue(sum / doubles.size());
            case SUM -> longs ? new LongValue((long) sum) : new DoubleValue(sum);
            case MIN ->
                longs
                        ? new LongValue((long) doubles.stream()
                                .mapToDouble(Double::doubleValue)
                                .min()
                                .orElseThrow())
                        : new DoubleValue(doubles.stream()
                                .mapToDouble(Double::doubleValue)
                                .min()
                                .orElseThrow());
            case MAX ->
                longs
                        ? new LongValue((long) doubles.stream()
                                .mapToDouble(Double::doubleValue)
                                .max()
                                .orElseThrow())
                        : new DoubleValue(doubles.stream()
                                .mapToDouble(Double::doubleValue)
                                .max()
                                .orElseThrow());
            default -> throw new IllegalArgumentException();
        };
    }
}
