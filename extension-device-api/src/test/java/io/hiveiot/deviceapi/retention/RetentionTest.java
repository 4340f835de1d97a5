package io.hiveiot.deviceapi.retention;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.storage.MutableClock;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.deviceapi.telemetry.TelemetrySettings;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.deviceapi.telemetry.TsEntry;
import io.hiveiot.deviceapi.telemetry.TsValue;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long NOW = 100 * DAY;
    private static final long CUTOFF = NOW - 7 * DAY;

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(NOW);
    private Database database;
    private TelemetryStore telemetry;

    @BeforeEach
    void open() {
        database = TestDatabase.open(folder);
        // two points a chunk, so that a test's points land in chunks it can count
        telemetry = new TelemetryStore(database, new TelemetrySettings(2, Duration.ofDays(365), Duration.ofHours(1)));
    }

    @AfterEach
    void close() {
        telemetry.close();
        database.close();
    }

    /** Retention drops sealed chunks: everything appended so far is sealed first. */
    private Retention retention(final int batchSize) {
        await(telemetry.sealAll());
        return new Retention(database, new RetentionSettings(Duration.ofDays(7), batchSize), clock);
    }

    private void append(final String device, final String key, final long... timestamps) {
        final var batches = new ArrayList<TsKvBatch>();
        for (int i = 0; i < timestamps.length; i++) {
            batches.add(new TsKvBatch(timestamps[i], List.of(new KeyValue(key, new LongValue(i)))));
        }
        await(telemetry.append(device, batches));
    }

    /** {@code count} points of one key, one a minute, ending at {@code newestTs}. */
    private void points(final String device, final String key, final int count, final long newestTs) {
        final long[] timestamps = new long[count];
        for (int i = 0; i < count; i++) {
            timestamps[i] = newestTs - (count - 1 - i) * 60_000L;
        }
        append(device, key, timestamps);
    }

    private List<Long> timestamps(final String device, final String key) {
        return await(telemetry.history(device, Set.of(key), Long.MIN_VALUE, Long.MAX_VALUE, 100, Optional.empty()))
                .entries()
                .stream()
                .map(TsEntry::ts)
                .toList();
    }

    @Test
    void purge_dropsWholeChunksOlderThanTheMaximumAge() {
        append("d1", "t", CUTOFF - 2, CUTOFF - 1, CUTOFF, NOW); // chunks [CUTOFF-2, CUTOFF-1] and [CUTOFF, NOW]
        // A series whose newest point is old too: its latest value must survive the purge.
        append("d2", "old", CUTOFF - DAY);
        final var attributes = new AttributeStore(database, clock);
        await(attributes.saveShared("d2", List.of(new KeyValue("cfg", new LongValue(5)))));

        final Retention.PurgeResult result = await(retention(1_000).purge());

        assertEquals(2, result.dropped());
        assertEquals(List.of(NOW, CUTOFF), timestamps("d1", "t"));
        assertEquals(0L, await(telemetry.countHistory("d2")));
        assertEquals(
                new TsValue(CUTOFF - DAY, new LongValue(0)),
                await(telemetry.latest("d2", Optional.empty())).get("old"));
        assertEquals(
                List.of(new KeyValue("cfg", new LongValue(5))),
                await(attributes.get("d2", KeySelection.NONE, KeySelection.ALL)).shared());
    }

    @Test
    void purge_keepsAChunkWholeWhileOneOfItsPointsIsYounger() {
        append("d1", "t", CUTOFF - DAY, CUTOFF + 1);

        assertEquals(0, await(retention(100).purge()).dropped());
        assertEquals(List.of(CUTOFF + 1, CUTOFF - DAY), timestamps("d1", "t"));
    }

    @Test
    void purge_withManyOldChunks_dropsThemInBoundedSteps() {
        points("d1", "a", 1_200, NOW - 8 * DAY); // 600 old chunks in one series
        points("d1", "b", 250, NOW - 10 * DAY); // 125 old
        points("d2", "a", 300, NOW); // 150 fresh
        for (int i = 0; i < 130; i++) {
            points("many-" + i, "k", 1, NOW - 30 * DAY); // 130 small series, one old chunk each
        }

        final Retention.PurgeResult result = await(retention(100).purge());

        assertEquals(600 + 125 + 130, result.dropped());
        // At least ceil(855 / 100) = 9 steps; every step drops at most 100 chunks and visits at most 100 series.
        assertTrue(result.batches() >= 9 && result.batches() <= 12, "steps: " + result.batches());
        assertEquals(300L, await(telemetry.countHistory()));
        assertEquals(new Retention.PurgeResult(0, 2), await(retention(100).purge()));
    }

    @Test
    void purge_whileRunning_letsOtherWritesCommitBetweenItsSteps() {
        for (int i = 0; i < 20; i++) {
            points("d" + i, "t", 100, NOW - 8 * DAY);
        }

        final CompletableFuture<Retention.PurgeResult> purge = retention(10).purge();
        final CompletableFuture<Integer> append =
                telemetry.append("live", List.of(new TsKvBatch(NOW, List.of(new KeyValue("t", new LongValue(1))))));
        final CompletableFuture<Boolean> appendDoneFirst = purge.thenApply(result -> append.isDone());

        assertEquals(1_000, await(purge).dropped());
        assertTrue(await(appendDoneFirst), "the append waited for the whole purge");
        assertEquals(1, await(append));
    }

    @Test
    void purge_withNothingStored_takesOneStep() {
        assertEquals(new Retention.PurgeResult(0, 1), await(retention(100).purge()));
    }

    @Test
    void purgeStep_dropsThroughTheSeriesIndex() {
        final List<String> plan = await(database.read(dsl -> TestDatabase.queryPlan(
                dsl,
                dsl.resultQuery(
                        "SELECT id FROM ts_chunk WHERE series_id = 1 AND end_ts < 5 ORDER BY end_ts LIMIT 10"))));

        if (TestDatabase.postgres()) {
            assertTrue(plan.stream().anyMatch(step -> step.contains("ts_chunk_by_series")), plan.toString());
        } else {
            assertEquals(
                    List.of("SEARCH ts_chunk USING COVERING INDEX ts_chunk_by_series (series_id=? AND end_ts<?)"),
                    plan);
        }
    }

    @Test
    void settings_outOfRange_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(Duration.ZERO, 100));
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(Duration.ofDays(1), 0));
        assertEquals(Duration.ofDays(7), RetentionSettings.DEFAULTS.telemetryMaxAge());
    }
}
