package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Telemetry stores of several broker nodes on one PostgreSQL schema, each with its own database connections, node id
 * and heads: what one node holds unsealed in memory is read by the others from its ingest rows, and what a node that
 * stopped left unsealed is sealed by a live one.
 */
class SharedDatabaseTest {

    private static final String DEVICE = "3c0ffee0-device";
    /** Nothing is sealed unless a test seals. */
    private static final TelemetrySettings NO_SEALING =
            new TelemetrySettings(10_000, Duration.ofDays(1), Duration.ofHours(1));

    @TempDir
    Path folder;

    private final List<Node> nodes = new ArrayList<>();

    /** One broker node's side: its database connections, its node id, its store. */
    private record Node(Database database, Notifications notifications, TelemetryStore store) {

        void stop() {
            store.close();
            notifications.close();
            database.close();
        }
    }

    @BeforeEach
    void onlyOnPostgres() {
        assumeTrue(TestDatabase.postgres(), "several nodes share a PostgreSQL database only");
    }

    @AfterEach
    void stop() {
        nodes.forEach(Node::stop);
    }

    private Node start() {
        final Database database = TestDatabase.open(folder);
        final Notifications notifications = Notifications.open(database);
        final var node = new Node(database, notifications, new TelemetryStore(database, NO_SEALING, notifications));
        nodes.add(node);
        return node;
    }

    private static List<TsEntry> history(final Node node) {
        return await(node.store()
                        .history(
                                DEVICE,
                                Set.of("t", "h"),
                                Long.MIN_VALUE,
                                Long.MAX_VALUE,
                                TelemetryStore.MAX_LIMIT,
                                Optional.empty()))
                .entries();
    }

    private static List<TsEntry> sums(final Node node) {
        return await(node.store().history(DEVICE, Set.of("t"), 0, 100, 10, Optional.empty(), Aggregation.SUM, 50))
                .entries();
    }

    private static TsEntry entry(final String key, final long ts, final long value) {
        return new TsEntry(key, ts, new LongValue(value));
    }

    @Test
    void pointsHeldUnsealedByOneNode_areReadByTheOther_onceSealedToo() {
        final Node a = start();
        final Node b = start();
        await(a.store()
                .append(
                        DEVICE,
                        List.of(
                                batch(10, "t", new LongValue(1), "h", new LongValue(50)),
                                batch(20, "t", new LongValue(2)))));
        await(b.store().append(DEVICE, List.of(batch(30, "t", new LongValue(3)))));
        final List<TsEntry> all = List.of(entry("t", 30, 3), entry("t", 20, 2), entry("h", 10, 50), entry("t", 10, 1));

        assertEquals(0, rows(a, "ts_chunk"), "nothing is sealed");
        for (final Node node : List.of(a, b)) {
            assertEquals(all, history(node));
            assertEquals(
                    Map.of("h", new TsValue(10, new LongValue(50)), "t", new TsValue(30, new LongValue(3))),
                    await(node.store().latest(DEVICE, Optional.empty())));
            assertEquals(List.of(entry("t", 25, 6)), sums(node));
            assertEquals(4L, await(node.store().countHistory(DEVICE)));
        }

        await(a.store().sealAll());
        assertEquals(0L, a.store().headPoints());
        for (final Node node : List.of(a, b)) {
            assertEquals(all, history(node));
            assertEquals(List.of(entry("t", 25, 6)), sums(node));
            assertEquals(4L, await(node.store().countHistory()));
        }
        await(b.store().sealAll());
        for (final Node node : List.of(a, b)) {
            assertEquals(all, history(node));
            assertEquals(4L, await(node.store().countHistory()));
        }
        assertEquals(0, rows(a, "ts_ingest"));
    }

    @Test
    void aNodeThatStopped_hasItsUnsealedPointsSealedByALiveOne() throws Exception {
        final Node a = start();
        await(a.store().append(DEVICE, List.of(batch(10, "t", new LongValue(1)), batch(20, "t", new LongValue(2)))));
        final String writer = Integer.toString(a.notifications().node());
        nodes.remove(a);
        a.stop();
        final Node b = start();

        final List<TsEntry> all = List.of(entry("t", 20, 2), entry("t", 10, 1));
        assertEquals(all, history(b));
        assertEquals(0, Await.until(() -> rows(b, "ts_ingest"), rows -> rows == 0), "the rows of " + writer);
        assertEquals(1, rows(b, "ts_chunk"));
        assertEquals(all, history(b));
        assertEquals(List.of(entry("t", 25, 3)), sums(b));
        assertEquals(
                Map.of("t", new TsValue(20, new LongValue(2))), await(b.store().latest(DEVICE, Optional.empty())));
    }

    private static int rows(final Node node, final String table) {
        return await(node.database().read(dsl -> dsl.fetchCount(dsl.selectFrom(table))));
    }
}
