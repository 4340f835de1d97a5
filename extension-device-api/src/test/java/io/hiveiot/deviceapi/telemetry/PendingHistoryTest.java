package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Appended points wait in ts_kv_pending and are folded into ts_kv: nothing is lost, the last write wins. */
class PendingHistoryTest {

    private static final String DEVICE = "0b6f3c1e-device";
    /** Long enough that only the test's own calls fold. */
    private static final Duration NO_TIMER = Duration.ofHours(1);

    @TempDir
    Path folder;

    @Test
    void sameTs_appendedBeforeAndAfterAFold_laterValueWins() {
        try (Database database = TestDatabase.open(folder); var store = new TelemetryStore(database, NO_TIMER)) {
            await(store.append(DEVICE, List.of(batch(1, "a", new LongValue(1)), batch(2, "a", new LongValue(2)))));
            assertEquals(2, await(store.foldPending()));
            await(store.append(DEVICE, List.of(batch(1, "a", new StringValue("x")))));
            await(store.append(DEVICE, List.of(batch(1, "a", new StringValue("y")))));
            assertEquals(2L, pending(database));

            assertEquals(List.of(new TsEntry("a", 2, new LongValue(2)), new TsEntry("a", 1, new StringValue("y"))),
                    history(store));
            assertEquals(0L, pending(database));
            assertEquals(2L, await(store.countHistory(DEVICE)));
        }
    }

    @Test
    void latest_acrossFolds_movesOnlyToANewerOrEqualTs_andTheLaterOfEqualTsWins() {
        try (Database database = TestDatabase.open(folder); var store = new TelemetryStore(database, NO_TIMER)) {
            await(store.append(DEVICE, List.of(batch(200, "a", new LongValue(2)))));
            await(store.foldPending());
            await(store.append(DEVICE, List.of(batch(100, "a", new LongValue(1)))));
            assertEquals(new TsValue(200, new LongValue(2)), await(store.latest(DEVICE, Optional.empty())).get("a"));

            await(store.append(DEVICE, List.of(batch(200, "a", new LongValue(3)), batch(200, "a", new LongValue(4)))));
            assertEquals(new TsValue(200, new LongValue(4)), await(store.latest(DEVICE, Optional.empty())).get("a"));
        }
    }

    @Test
    void foldPending_movesEverythingAndRunsInOrderOfTheHistoryKey() {
        try (Database database = TestDatabase.open(folder); var store = new TelemetryStore(database, NO_TIMER)) {
            final var batches = new ArrayList<TsKvBatch>();
            for (int ts = 500; ts > 0; ts--) {
                batches.add(batch(ts, "b", new LongValue(ts), "a", new LongValue(-ts)));
            }
            await(store.append(DEVICE, batches));
            await(store.append("another-device", List.of(batch(7, "a", new LongValue(7)))));

            assertEquals(1_001, await(store.foldPending()));
            assertEquals(0, await(store.foldPending()));
            assertEquals(1_000L, await(store.countHistory(DEVICE)));
            assertEquals(1L, await(store.countHistory("another-device")));
        }
    }

    @Test
    void timer_foldsInSlicesUntilNothingIsPending() throws InterruptedException {
        try (Database database = TestDatabase.open(folder);
             var store = new TelemetryStore(database, Duration.ofMillis(10))) {
            final int points = PendingHistory.SLICE_ROWS * 2 + 7;
            final var batches = new ArrayList<TsKvBatch>();
            for (int ts = 0; ts < points; ts++) {
                batches.add(batch(ts, "t", new LongValue(ts)));
            }
            await(store.append(DEVICE, batches));

            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pending(database) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0L, pending(database));
            assertEquals(points, rows(database, "ts_kv"));
        }
    }

    @Test
    void pointsLeftPending_byAStopWithoutFold_areFoldedAfterTheNextOpen() throws InterruptedException {
        try (Database database = TestDatabase.open(folder)) {
            // no close of the store: as after a crash, its points stay in ts_kv_pending
            final var store = new TelemetryStore(database, NO_TIMER);
            await(store.append(DEVICE, List.of(batch(1, "a", new LongValue(1)), batch(2, "a", new LongValue(2)))));
            assertEquals(2L, pending(database));
        }
        try (Database reopened = TestDatabase.open(folder);
             var store = new TelemetryStore(reopened, Duration.ofMillis(10))) {
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pending(reopened) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0L, pending(reopened));
            assertEquals(2L, await(store.countHistory(DEVICE)));
        }
    }

    @Test
    void close_foldsWhatIsPendingBeforeTheDatabaseCloses() {
        try (Database database = TestDatabase.open(folder)) {
            final var store = new TelemetryStore(database, NO_TIMER);
            await(store.append(DEVICE, List.of(batch(1, "a", new LongValue(1)))));
            store.close();
        }
        try (Database reopened = TestDatabase.open(folder)) {
            assertEquals(0L, pending(reopened));
            assertEquals(1L, rows(reopened, "ts_kv"));
        }
    }

    @Test
    void fold_walksOnePartitionsRowsByIdAndSortsOnlyTheSlice() {
        try (Database database = TestDatabase.open(folder)) {
            final var plans = new ArrayList<List<String>>();
            for (final String sql : HistoryFold.statements()) {
                plans.add(await(database.read(dsl -> dsl.fetch("EXPLAIN QUERY PLAN " + sql, 10_000)
                        .getValues("detail", String.class))));
            }
            assertEquals(List.of(
                    // the partition's ids in order, stopped by the LIMIT
                    List.of("CO-ROUTINE slice", "SEARCH ts_kv_pending USING PRIMARY KEY (part=?)",
                            "SEARCH slice"),
                    List.of("SEARCH ts_kv_pending USING PRIMARY KEY (part=? AND id<?)",
                            "USE TEMP B-TREE FOR ORDER BY"),
                    List.of("CO-ROUTINE ranked", "CO-ROUTINE (subquery-3)",
                            "SEARCH ts_kv_pending USING PRIMARY KEY (part=? AND id<?)",
                            "USE TEMP B-TREE FOR ORDER BY", "SCAN (subquery-3)", "SCAN ranked"),
                    List.of("SEARCH ts_kv_pending USING PRIMARY KEY (part=? AND id<?)")), plans);
        }
    }

    private static List<TsEntry> history(final TelemetryStore store) {
        return await(store.history(DEVICE, Set.of("a"), Long.MIN_VALUE, Long.MAX_VALUE, TelemetryStore.MAX_LIMIT,
                Optional.empty())).entries();
    }

    private static long pending(final Database database) {
        return rows(database, "ts_kv_pending");
    }

    private static long rows(final Database database, final String table) {
        final Long rows = await(database.read(dsl -> dsl.fetchOne("SELECT count(*) FROM " + table).get(0, Long.class)));
        return rows;
    }
}
