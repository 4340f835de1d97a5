package io.hiveiot.kit.database;

import io.hiveiot.testkit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes sharing one PostgreSQL schema, each with its own {@link Database} and {@link Notifications}. */
class NotificationsTest {

    private DatabaseSettings settings;
    private Database databaseA;
    private Database databaseB;
    private Notifications nodeA;
    private Notifications nodeB;
    private final BlockingQueue<String> receivedByA = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> receivedByB = new LinkedBlockingQueue<>();
    private final CountDownLatch bMissed = new CountDownLatch(1);

    @BeforeEach
    void openTwoNodes() {
        settings = DatabaseSettings.forUrl(PostgresServer.get().newDatabase());
        databaseA = DatabaseContract.open(settings);
        databaseB = DatabaseContract.open(settings);
        nodeA = Notifications.open(databaseA);
        nodeB = Notifications.open(databaseB);
        nodeA.subscribe("changes", receivedByA::add);
        nodeB.subscribe("changes", new Notifications.Listener() {
            @Override
            public void message(final String payload) {
                receivedByB.add(payload);
            }

            @Override
            public void missed() {
                bMissed.countDown();
            }
        });
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        databaseA.close();
        databaseB.close();
    }

    @Test
    void send_reachesTheOtherNode_neverTheSender() throws Exception {
        nodeA.send("changes", "device d1 revoked").get(5, TimeUnit.SECONDS);
        nodeB.send("changes", "from b").get(5, TimeUnit.SECONDS);

        assertEquals("device d1 revoked", receivedByB.poll(5, TimeUnit.SECONDS));
        assertEquals("from b", receivedByA.poll(5, TimeUnit.SECONDS));
        assertNull(receivedByA.poll(300, TimeUnit.MILLISECONDS), "a node's own message came back to it");
        assertNull(receivedByB.poll(1, TimeUnit.MILLISECONDS));
        assertTrue(nodeA.shared());
        assertNotEquals(nodeA.node(), nodeB.node());
    }

    @Test
    void send_longerThanOneNotification_arrivesWhole() throws Exception {
        final String payload = "ä€😀x".repeat(5_000);
        nodeA.send("changes", payload).get(5, TimeUnit.SECONDS);
        nodeA.send("changes", "next").get(5, TimeUnit.SECONDS);

        assertEquals(payload, receivedByB.poll(5, TimeUnit.SECONDS));
        assertEquals("next", receivedByB.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void send_inAWriteThatFails_isNeverDelivered() throws Exception {
        final var failed = databaseA.write(dsl -> {
            nodeA.send(dsl, "changes", "rolled back");
            throw new IllegalStateException("the write fails after sending");
        });
        assertThrows(Exception.class, () -> failed.get(5, TimeUnit.SECONDS));
        databaseA
                .write(dsl -> {
                    nodeA.send(dsl, "changes", "committed");
                    return null;
                })
                .get(5, TimeUnit.SECONDS);

        assertEquals("committed", receivedByB.poll(5, TimeUnit.SECONDS));
        assertNull(receivedByB.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void liveNodes_areTheNodesListeningNow() throws Exception {
        assertEquals(Set.of(nodeA.node(), nodeB.node()), nodeA.liveNodes().get(5, TimeUnit.SECONDS));
        nodeB.close();
        assertEquals(Set.of(nodeA.node()), nodeA.liveNodes().get(5, TimeUnit.SECONDS));
    }

    @Test
    void deadNodes_areThoseThatJoinedAndStopped_untilForgotten() throws Exception {
        assertEquals(Set.of(), nodeA.deadNodes().get(5, TimeUnit.SECONDS));
        final int b = nodeB.node();
        nodeB.close();
        assertEquals(Set.of(b), nodeA.deadNodes().get(5, TimeUnit.SECONDS));
        databaseA
                .write(dsl -> {
                    nodeA.forget(dsl, b);
                    return null;
                })
                .get(5, TimeUnit.SECONDS);
        assertEquals(Set.of(), nodeA.deadNodes().get(5, TimeUnit.SECONDS));
    }

    @Test
    void listeningConnectionKilled_tellsTheListenerItMissedMessages_andListensAgain() throws Exception {
        try (var admin = DriverManager.getConnection(settings.jdbcUrl());
                var kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 2")) {
            kill.setLong(1, Notifications.NODE_LOCK_SPACE);
            kill.setLong(2, nodeB.node());
            kill.execute();
        }
        assertTrue(bMissed.await(10, TimeUnit.SECONDS), "missed() was not called after the connection broke");
        nodeA.send("changes", "after the break").get(5, TimeUnit.SECONDS);

        assertEquals("after the break", receivedByB.poll(5, TimeUnit.SECONDS));
        assertTrue(nodeA.liveNodes().get(5, TimeUnit.SECONDS).contains(nodeB.node()), "B lost its node lock");
    }

    @Test
    void channelName_otherThanLowerCaseWords_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> nodeA.subscribe("Changes; DROP", receivedByA::add));
    }

    @Test
    void onSqlite_aNodeIsAlone(@TempDir final Path temp) throws Exception {
        try (Database file = DatabaseContract.open(DatabaseSettings.forFile(temp.resolve("alone.db")));
                Notifications alone = Notifications.open(file)) {
            alone.subscribe("changes", receivedByA::add);
            alone.send("changes", "nobody hears it").get(5, TimeUnit.SECONDS);
            file.write(dsl -> {
                        alone.send(dsl, "changes", "nor this");
                        return null;
                    })
                    .get(5, TimeUnit.SECONDS);

            assertFalse(alone.shared());
            assertEquals(Set.of(alone.node()), alone.liveNodes().get(5, TimeUnit.SECONDS));
            assertNull(receivedByA.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void onSqlite_theEarlierRunsOfTheNodeAreDead(@TempDir final Path temp) throws Exception {
        final var file = DatabaseSettings.forFile(temp.resolve("restarted.db"));
        final int first;
        try (Database database = DatabaseContract.open(file);
                Notifications run = Notifications.open(database)) {
            first = run.node();
        }
        try (Database database = DatabaseContract.open(file);
                Notifications run = Notifications.open(database)) {
            assertEquals(Set.of(first), run.deadNodes().get(5, TimeUnit.SECONDS));
        }
    }
}
