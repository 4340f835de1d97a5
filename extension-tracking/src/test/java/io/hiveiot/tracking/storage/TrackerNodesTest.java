package io.hiveiot.tracking.storage;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tracker's connection status with two broker nodes writing one tracking database (the test run's engine): each
 * node's store has its own node id, as two brokers have.
 */
class TrackerNodesTest {

    @TempDir
    Path temp;

    private Database database;
    private Notifications nodeA;
    private Notifications nodeB;
    private TrackerStore storeA;
    private TrackerStore storeB;
    private TrackerRegistry registry;

    @BeforeEach
    void open() {
        database = SharedDatabase.open(temp);
        nodeA = Notifications.open(database);
        nodeB = Notifications.open(database);
        storeA = new TrackerStore(database, nodeA);
        storeB = new TrackerStore(database, nodeB);
        registry = new TrackerRegistry(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void disconnectOnTheNodeItLeft_afterItReportedThroughAnother_keepsItConnected() throws Exception {
        final String id = tracker("moving");
        storeA.update(id, new Reported("1", "2", new String[4]), "phone", 100).get();
        storeB.update(id, new Reported("1", "2", new String[4]), "phone", 200).get();

        assertEquals(0, storeA.disconnected(Set.of(id), "phone").get());
        assertTrue(registry.get("acc", "moving").get().connected());
        assertEquals(1, storeB.disconnected(Set.of(id), "phone").get());
        assertFalse(registry.get("acc", "moving").get().connected());
    }

    @Test
    void disconnectStoppedNodes_disconnectsOnlyWhatStoppedNodesHeld() throws Exception {
        final String onA = tracker("on-a");
        final String onB = tracker("on-b");
        storeA.update(onA, new Reported("1", "2", new String[4]), "a", 100).get();
        storeB.update(onB, new Reported("1", "2", new String[4]), "b", 100).get();
        nodeA.close();

        assertEquals(1, storeB.disconnectStoppedNodes().get());
        assertFalse(registry.get("acc", "on-a").get().connected());
        assertTrue(registry.get("acc", "on-b").get().connected());
        assertEquals(Set.of(), nodeB.deadNodes().get(), "the stopped node is forgotten");
    }

    private String tracker(final String uid) throws Exception {
        return registry.create("acc", uid, TrackerKeys.hash("k"), uid, "t", TrackerSettings.none())
                .get()
                .id();
    }
}
