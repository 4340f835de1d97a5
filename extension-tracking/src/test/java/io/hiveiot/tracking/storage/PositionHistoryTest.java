package io.hiveiot.tracking.storage;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.testkit.PostgresServer;
import io.hiveiot.tracking.tracker.PositionHistory;
import io.hiveiot.tracking.tracker.Reported;
import io.hiveiot.tracking.tracker.TrackerKeys;
import io.hiveiot.tracking.tracker.TrackerRegistry;
import io.hiveiot.tracking.tracker.TrackerSettings;
import io.hiveiot.tracking.tracker.TrackerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tracking.db of the test run's engine: updates append history, the purge deletes by age in batches. */
class PositionHistoryTest {

    @TempDir
    Path temp;

    private Database database;
    private Notifications notifications;
    private TrackerStore store;
    private PositionHistory history;
    private String trackerId;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(
                "tracking",
                DatabaseSettings.forUrl(PostgresServer.newDatabaseOrFile(temp.resolve("tracking.db"))),
                PositionHistoryTest.class.getClassLoader());
        notifications = Notifications.open(database);
        store = new TrackerStore(database, notifications);
        history = new PositionHistory(database);
        trackerId = new TrackerRegistry(database, Clock.systemUTC())
                .create("acc", "u1", TrackerKeys.hash("k"), "n", "t", TrackerSettings.none())
                .get()
                .id();
    }

    @AfterEach
    void close() {
        notifications.close();
        database.close();
    }

    @Test
    void update_mergesIntoTheLatestValues_andAppendsTheMergedRow() throws Exception {
        store.update(trackerId, reported("1", null, "\"a\""), "c", 100).get();
        final var updated = store.update(trackerId, reported(null, "2", null), "c", 200)
                .get()
                .orElseThrow();
        assertEquals("1", updated.reported().longitude());
        assertEquals("2", updated.reported().latitude());
        assertEquals("\"a\"", updated.reported().data(0));
        final List<PositionHistory.Position> rows = history.read("acc", "u1", 0, Long.MAX_VALUE, Optional.empty(), 10)
                .get();
        assertEquals(
                List.of(200L, 100L),
                rows.stream().map(PositionHistory.Position::ts).toList());
        assertEquals("1", rows.get(0).reported().longitude(), "each row holds the values after its update");
        assertEquals(null, rows.get(1).reported().latitude());
    }

    @Test
    void purge_deletesOnlyOlderRows_inBatches() throws Exception {
        for (int ts = 1; ts <= 5; ts++) {
            store.update(trackerId, reported(Integer.toString(ts), null, null), "c", ts)
                    .get();
        }
        assertEquals(2, history.purge(4, 2).get());
        assertEquals(1, history.purge(4, 2).get());
        assertEquals(0, history.purge(4, 2).get());
        final var left = history.read("acc", "u1", 0, Long.MAX_VALUE, Optional.empty(), 10)
                .get();
        assertEquals(
                List.of(5L, 4L), left.stream().map(PositionHistory.Position::ts).toList());
    }

    @Test
    void disconnected_onlyEndsTheStatusOfTheConnectionThatLastReported() throws Exception {
        store.ping(trackerId, "old", 1).get();
        store.ping(trackerId, "new", 2).get();
        assertEquals(0, store.disconnected(List.of(trackerId), "old").get());
        assertEquals(1, store.disconnected(List.of(trackerId), "new").get());
        assertTrue(store.find("acc", "u1").get().isPresent());
        assertEquals(false, store.find("acc", "u1").get().get().tracker().connected());
    }

    private static Reported reported(final String longitude, final String latitude, final String data1) {
        return new Reported(longitude, latitude, new String[] {data1, null, null, null});
    }
}
