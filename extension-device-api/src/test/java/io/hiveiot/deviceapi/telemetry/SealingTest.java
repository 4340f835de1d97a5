package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's life beyond a single append: sealing, ingest rows, replay after a restart, compaction. */
class SealingTest {

    private static final String DEVICE = "0b6f3c1e-device";
    private static final TelemetrySettings SMALL = new TelemetrySettings(4, Duration.ofDays(1), Duration.ofHours(1));

    @TempDir
    Path folder;

    private Database database;
    private TelemetryStore store;

    private void open(final TelemetrySettings settings) {
        database = TestDatabase.open(folder);
        store = new TelemetryStore(database, settings);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
            database.close();
        }
    }

    private static LongValue number(final long value) {
        return new LongValue(value);
    }

    private List<TsEntry> history(final String key) {
        return await(store.history(
                        DEVICE,
                        Set.of(key),
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        TelemetryStore.MAX_LIMIT,
                        Optional.empty()))
                .entries();
    }

    private int seriesId() {
        return await(database.read(dsl -> dsl.fetchOne("SELECT id FROM series").get(0, Integer.class)));
    }

    private long rows(final String table) {
        return await(database.read(dsl -> (long) dsl.fetchCount(dsl.selectFrom(table))));
    }

    @Test
    void points_readTheSameFromHeadsAndFromChunks_andSealedIngestRowsAreDeleted() {
        open(SMALL);
        for (int ts = 1; ts <= 10; ts++) {
            await(store.append(DEVICE, List.of(batch(ts, "t", number(ts * 10L)))));
        }
        final List<TsEntry> before = history("t");
        assertEquals(10, before.size());

        await(store.sealAll());

        assertEquals(0L, store.headPoints());
        assertEquals(3L, store.chunksSealed());

        assertEquals(before, history("t"));
        assertEquals(
                new TsValue(10, number(100)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
        assertEquals(0L, rows("ts_ingest"), "every point is in a chunk: no ingest row is needed");
        assertEquals(3L, rows("ts_chunk"), "4 + 4 + 2 points");
    }

    @Test
    void oneBatchOfWrites_isOneIngestRow() throws Exception {
        open(TelemetrySettings.DEFAULTS);
        final var running = new CountDownLatch(1);
        final var release = new CountDownLatch(1);
        final CompletableFuture<Object> held = database.write(dsl -> {
            running.countDown();
            awaitQuietly(release);
            return null;
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        final var appends = new ArrayList<CompletableFuture<Integer>>();
        for (int i = 0; i < 5; i++) {
            appends.add(store.append("device-" + i, List.of(batch(1, "a", number(i), "b", number(-i)))));
        }
        release.countDown();
        await(held);
        appends.forEach(TestDatabase::await);

        assertEquals(1L, rows("ts_ingest"));
        assertEquals(
                List.of(new TsEntry("a", 1, number(3))),
                await(store.history("device-3", Set.of("a"), 0, 2, 10, Optional.empty()))
                        .entries());
    }

    @Test
    void restart_replaysTheIngestRows_beforeTheStoreAnswers() {
        open(SMALL);
        await(store.append(
                DEVICE,
                List.of(
                        batch(1, "t", number(1)),
                        batch(2, "t", number(2)),
                        batch(3, "t", number(3)),
                        batch(4, "t", number(4)),
                        batch(5, "t", number(5)))));
        await(store.sealAll());
        await(store.append(DEVICE, List.of(batch(6, "t", number(6)), batch(3, "t", new StringValue("again")))));
        // A stop without sealing, as after a crash: the last append is only in its ingest row.
        store.close();
        database.close();

        open(SMALL);
        assertEquals(
                List.of(6L, 5L, 4L, 3L, 2L, 1L),
                history("t").stream().map(TsEntry::ts).toList());
        assertEquals(new TsEntry("t", 3, new StringValue("again")), history("t").get(3));
        assertEquals(
                new TsValue(6, number(6)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
        assertEquals(6L, await(store.countHistory(DEVICE)));
    }

    @Test
    void sameTsAfterSealing_laterWriteWins_inReads_andAfterCompaction() {
        open(SMALL);
        await(store.append(
                DEVICE,
                List.of(
                        batch(1, "t", number(1)),
                        batch(2, "t", number(2)),
                        batch(3, "t", number(3)),
                        batch(4, "t", number(4)))));
        await(store.sealAll());
        await(store.append(DEVICE, List.of(batch(2, "t", new DoubleValue(2.5)), batch(9, "t", number(9)))));
        final List<TsEntry> expected = List.of(
                new TsEntry("t", 9, number(9)),
                new TsEntry("t", 4, number(4)),
                new TsEntry("t", 3, number(3)),
                new TsEntry("t", 2, new DoubleValue(2.5)),
                new TsEntry("t", 1, number(1)));
        assertEquals(expected, history("t"), "the head's point wins over the chunk's");

        await(store.sealAll());
        assertEquals(expected, history("t"), "the later chunk wins over the earlier one");
        final List<Boolean> marks = await(database.read(
                dsl -> dsl.fetch("SELECT \"overlaps\" FROM ts_chunk").getValues(0, Boolean.class)));
        assertTrue(
                marks.equals(List.of(true, true)) || marks.equals(List.of(false)),
                "both overlapping chunks are marked, unless the background compaction merged them already: " + marks);

        await(new Compaction(database, SMALL).compact(seriesId(), Long.MIN_VALUE));
        assertEquals(
                List.of(List.of(1L, 9L, false)),
                await(database.read(dsl -> dsl.fetch("SELECT start_ts, end_ts, \"overlaps\" FROM ts_chunk")
                        .map(row ->
                                List.of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Boolean.class))))),
                "two overlapping chunks of 4 and 2 points became one of 5 (a rest under half a chunk joins the "
                        + "last one), not marked");
        assertEquals(expected, history("t"));
        assertEquals(5L, await(store.countHistory(DEVICE)));
    }

    @Test
    void latest_onlyMovesForward_acrossSealedAndUnsealedPoints() {
        open(SMALL);
        await(store.append(DEVICE, List.of(batch(100, "t", number(1)), batch(200, "t", number(2)))));
        await(store.sealAll());
        await(store.append(DEVICE, List.of(batch(150, "t", number(3)))));
        assertEquals(
                new TsValue(200, number(2)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));

        await(store.append(DEVICE, List.of(batch(200, "t", new StringValue("same ts, later")))));
        assertEquals(
                new TsValue(200, new StringValue("same ts, later")),
                await(store.latest(DEVICE, Optional.of(Set.of("t")))).get("t"));
        await(store.sealAll());
        assertEquals(
                new TsValue(200, new StringValue("same ts, later")),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
    }

    @Test
    void quietSeries_isSealedByAge_andItsSmallChunksAreCompacted() throws Exception {
        open(new TelemetrySettings(100, Duration.ofDays(1), Duration.ofMillis(50)));
        for (int ts = 1; ts <= 3; ts++) {
            await(store.append(DEVICE, List.of(batch(ts, "t", number(ts)))));
            // each point waits for its head to be sealed by age, then the next one starts a new head
            assertEquals(0L, Await.until(() -> rows("ts_ingest"), rows -> rows == 0));
        }
        // the background compaction may have merged them already; either way they end as one chunk
        await(new Compaction(database, new TelemetrySettings(100, Duration.ofDays(1), Duration.ofMillis(50)))
                .compact(seriesId(), Long.MIN_VALUE));
        assertEquals(1L, rows("ts_chunk"));
        assertEquals(List.of(3L, 2L, 1L), history("t").stream().map(TsEntry::ts).toList());
    }

    @Test
    void readsWhileSealing_neverMissAnAcknowledgedPoint() throws Exception {
        open(new TelemetrySettings(8, Duration.ofDays(1), Duration.ofMillis(20)));
        final var acknowledged = new AtomicLong();
        final var writing = new AtomicBoolean(true);
        final var writer = new Thread(() -> {
            for (long ts = 1; ts <= 3_000; ts++) {
                await(store.append(DEVICE, List.of(batch(ts, "t", number(ts)))));
                acknowledged.set(ts);
            }
            writing.set(false);
        });
        writer.start();
        int reads = 0;
        while (writing.get()) {
            final long before = acknowledged.get();
            final long seen = await(store.countHistory(DEVICE));
            assertTrue(seen >= before, "a read saw " + seen + " points after " + before + " were acknowledged");
            reads++;
        }
        writer.join();
        assertEquals(3_000L, await(store.countHistory(DEVICE)));
        assertTrue(reads > 1);
    }

    @Test
    void everyValueType_survivesSealingAndARestart() {
        open(SMALL);
        final List<TypedValue> values = List.of(
                new TypedValue.BooleanValue(true),
                number(Long.MIN_VALUE),
                new DoubleValue(21.3),
                new StringValue("ü \"x\""),
                new TypedValue.JsonValue("{\"a\":[1.50]}"));
        final var batches = new ArrayList<TsKvBatch>();
        for (int i = 0; i < values.size(); i++) {
            batches.add(batch(i, "mixed", values.get(i)));
        }
        await(store.append(DEVICE, batches));
        await(store.sealAll());
        store.close();
        database.close();

        open(SMALL);
        final List<TsEntry> history = history("mixed");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(new TsEntry("mixed", i, values.get(i)), history.get(values.size() - 1 - i));
        }
        assertEquals(Map.of("mixed", new TsValue(4, values.get(4))), await(store.latest(DEVICE, Optional.empty())));
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
