package io.hiveiot.deviceapi.retention;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.storage.MutableClock;
import io.hiveiot.deviceapi.storage.TestDatabase;
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

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(NOW);
    private Database database;
    private TelemetryStore telemetry;

    @BeforeEach
    void open() {
        database = TestDatabase.open(folder);
        telemetry = new TelemetryStore(database);
    }

    @AfterEach
    void close() {
        telemetry.close();
        database.close();
    }

    /** The purge works on ts_kv: points still pending are folded first (in the broker, within a moment). */
    private Retention retention(final int batchSize) {
        await(telemetry.foldPending());
        return new Retention(database, new RetentionSettings(Duration.ofDays(7), batchSize), clock);
    }

    /** {@code count} points of one key, one a minute, ending at {@code newestTs}. */
    private void points(final String device, final String key, final int count, final long newestTs) {
        final var batches = new ArrayList<TsKvBatch>();
        for (int i = 0; i < count; i++) {
            batches.add(new TsKvBatch(newestTs - i * 60_000L, List.of(new KeyValue(key, new LongValue(i)))));
        }
        await(telemetry.append(device, batches));
    }

    @Test
    void purge_deletesOnlyHistoryOlderThanTheMaximumAge() {
        final long cutoff = NOW - 7 * DAY;
        await(telemetry.append("d1", List.of(
                new TsKvBatch(cutoff - 1, List.of(new KeyValue("t", new LongValue(1)))),
                new TsKvBatch(cutoff, List.of(new KeyValue("t", new LongValue(2)))),
                new TsKvBatch(NOW, List.of(new KeyValue("t", new LongValue(3)))))));
        // A series whose newest point is old too: its latest value must survive the purge.
        await(telemetry.append("d2", List.of(new TsKvBatch(cutoff - DAY, List.of(new KeyValue("old",
                new LongValue(4)))))));
        final var attributes = new AttributeStore(database, clock);
        await(attributes.saveShared("d2", List.of(new KeyValue("cfg", new LongValue(5)))));

        final Retention.PurgeResult result = await(retention(1_000).purge());

        assertEquals(2, result.deleted());
        assertEquals(List.of(NOW, cutoff), await(telemetry.history("d1", Set.of("t"), Long.MIN_VALUE, Long.MAX_VALUE,
                10, Optional.empty())).entries().stream().map(TsEntry::ts).toList());
        assertEquals(0L, await(telemetry.countHistory("d2")));
        assertEquals(new TsValue(cutoff - DAY, new LongValue(4)),
                await(telemetry.latest("d2", Optional.empty())).get("old"));
        assertEquals(List.of(new KeyValue("cfg", new LongValue(5))),
                await(attributes.get("d2", KeySelection.NONE, KeySelection.ALL)).shared());
    }

    @Test
    void purge_withManyOldRows_deletesThemInBoundedBatches() {
        points("d1", "a", 1_200, NOW - 8 * DAY);      // 1,200 old points in one series
        points("d1", "b", 250, NOW - 10 * DAY);       // 250 old
        points("d2", "a", 300, NOW);                  // 300 fresh
        for (int i = 0; i < 130; i++) {
            points("many-" + i, "k", 1, NOW - 30 * DAY); // 130 small series, one old point each
        }

        final Retention.PurgeResult result = await(retention(100).purge());

        assertEquals(1_200 + 250 + 130, result.deleted());
        // At least ceil(1,580 / 100) = 16 steps; every step deletes at most 100 rows.
        assertTrue(result.batches() >= 16 && result.batches() <= 20, "batches: " + result.batches());
        assertEquals(300L, await(telemetry.countHistory()));
        assertEquals(new Retention.PurgeResult(0, 2), await(retention(100).purge()));
    }

    @Test
    void purge_whileRunning_letsOtherWritesCommitBetweenItsBatches() {
        for (int i = 0; i < 20; i++) {
            points("d" + i, "t", 100, NOW - 8 * DAY);
        }

        final CompletableFuture<Retention.PurgeResult> purge = retention(10).purge();
        final CompletableFuture<Integer> append = telemetry.append("live", List.of(new TsKvBatch(NOW,
                List.of(new KeyValue("t", new LongValue(1))))));
        final CompletableFuture<Boolean> appendDoneFirst = purge.thenApply(result -> append.isDone());

        assertEquals(2_000, await(purge).deleted());
        assertTrue(await(appendDoneFirst), "the append waited for the whole purge");
        assertEquals(1, await(append));
    }

    @Test
    void purge_withNothingStored_takesOneStep() {
        assertEquals(new Retention.PurgeResult(0, 1), await(retention(100).purge()));
    }

    @Test
    void purgeStep_queries_walkPrimaryKeysWithoutScanOrSort() {
        final var start = Optional.of(new PurgeStep.Position("d1", "a", true));
        final List<String> window = await(database.read(dsl ->
                TestDatabase.queryPlan(dsl, PurgeStep.window(dsl, start, 100))));
        final List<String> oldest = await(database.read(dsl ->
                TestDatabase.queryPlan(dsl, PurgeStep.oldestPoints(dsl, NOW, start, "d9", "z", 100))));

        assertEquals(List.of("SEARCH ts_kv_latest USING PRIMARY KEY ((device_id,key)>(?,?))"), window);
        assertEquals(List.of("SEARCH ts_kv_latest USING PRIMARY KEY ((device_id,key)>(?,?) AND (device_id,key)<(?,?))",
                "SEARCH ts_kv USING PRIMARY KEY (device_id=? AND key=? AND ts<?)"), oldest);
    }

    @Test
    void settings_outOfRange_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(Duration.ZERO, 100));
        assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(Duration.ofDays(1), 0));
        assertEquals(Duration.ofDays(7), RetentionSettings.DEFAULTS.telemetryMaxAge());
    }
}
