package io.hiveiot.auth.status;

import io.hiveiot.auth.status.ConnectionRows.Transition;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.testkit.PostgresServer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection status of a device held by two broker nodes at once, as two nodes write it to one database: the
 * engine of the test run (a SQLite file, or a schema on the test PostgreSQL server).
 */
class ConnectionRowsTest {

    private static final int NODE_A = 11;
    private static final int NODE_B = 22;

    @TempDir
    Path temp;

    private Database database;
    private final ConnectionRows nodeA = new ConnectionRows(NODE_A, new StatementCache());
    private final ConnectionRows nodeB = new ConnectionRows(NODE_B, new StatementCache());

    @BeforeEach
    void open() throws Exception {
        database = Database.open(
                "auth",
                DatabaseSettings.forUrl(PostgresServer.newDatabaseOrFile(temp.resolve("auth.db"))),
                getClass().getClassLoader());
        write(dsl -> {
            dsl.execute("INSERT INTO account (id, secret_hash, created_at) VALUES ('acme', 'unused', 0)");
            dsl.execute("INSERT INTO device (id, account_id, name, created_at) VALUES ('d1', 'acme', 'pump', 0)");
            return dsl.execute("INSERT INTO device_status (device_id) VALUES ('d1')");
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void deviceOnTwoNodes_isActiveUntilItsLastConnectionOnEitherCloses() throws Exception {
        assertEquals(Transition.CAME, apply(nodeA, connect("d1", "c1", 100)).get("d1"), "first connection anywhere");
        assertEquals(Transition.NONE, apply(nodeB, connect("d1", "c2", 200)).get("d1"));
        assertEquals(Transition.NONE, apply(nodeA, disconnect("d1", "c1", 300)).get("d1"), "node B still holds it");
        assertTrue(active("d1"));
        assertEquals(Transition.WENT, apply(nodeB, disconnect("d1", "c2", 400)).get("d1"), "its last connection");
        assertFalse(active("d1"));
        assertEquals(List.of(200L, 400L), times("d1"));
    }

    @Test
    void sameClientIdAgainOnTheSameNode_isNoSecondConnection() throws Exception {
        assertEquals(Transition.CAME, apply(nodeA, connect("d1", "c1", 100)).get("d1"));
        assertEquals(Transition.NONE, apply(nodeA, connect("d1", "c1", 150)).get("d1"), "a takeover on one node");
        assertEquals(Transition.WENT, apply(nodeA, disconnect("d1", "c1", 200)).get("d1"));
        assertFalse(active("d1"));
    }

    @Test
    void changesOfManyDevicesWrittenTogether_endAsTheLastChangeOfEachClientIdSays() throws Exception {
        write(dsl ->
                dsl.execute("INSERT INTO device (id, account_id, name, created_at) VALUES ('d2', 'acme', 'v', 0)"));

        final Map<String, Transition> transitions = apply(
                nodeA,
                connect("d2", "c3", 100),
                connect("d1", "c1", 110),
                connect("d2", "c4", 120),
                disconnect("d1", "c1", 130),
                disconnect("d2", "c3", 140));

        assertEquals(Map.of("d1", Transition.CAME_AND_WENT, "d2", Transition.CAME), transitions);
        assertFalse(active("d1"));
        assertEquals(List.of(110L, 130L), times("d1"));
        assertTrue(active("d2"));
        assertEquals(
                List.of("c4"),
                write(dsl -> dsl.fetchValues("SELECT client_id FROM device_connection WHERE device_id = 'd2'")));
    }

    @Test
    void changeOfADeviceDeletedMeanwhile_isLeftOutWithoutFailingTheOthers() throws Exception {
        final Map<String, Transition> transitions = apply(nodeA, connect("gone", "c9", 100), connect("d1", "c1", 100));

        assertEquals(Transition.CAME, transitions.get("d1"));
        assertEquals(Transition.NONE, transitions.get("gone"));
        final int gone =
                write(dsl -> dsl.fetchCount(dsl.selectFrom("device_connection").where("device_id = 'gone'")));
        assertEquals(0, gone);
    }

    @Test
    void removeNodes_marksInactiveOnlyTheDevicesNoLiveNodeHolds() throws Exception {
        apply(nodeA, connect("d1", "c1", 100));
        write(dsl -> {
            dsl.execute("INSERT INTO device (id, account_id, name, created_at) VALUES ('d2', 'acme', 'valve', 0)");
            dsl.execute("INSERT INTO device_status (device_id) VALUES ('d2')");
            return null;
        });
        apply(nodeA, connect("d2", "c3", 100));
        apply(nodeB, connect("d2", "c4", 100));

        final List<ConnectionRows.Gone> gone = write(dsl -> nodeB.removeNodes(dsl, Set.of(NODE_A), 500));

        assertEquals(List.of(new ConnectionRows.Gone("d1", "pump", "acme")), gone);
        assertFalse(active("d1"));
        assertTrue(active("d2"), "node B still holds d2");
    }

    @Test
    void removeNodes_marksInactiveAnActiveDeviceWithoutAnyConnection() throws Exception {
        write(dsl -> dsl.execute("UPDATE device_status SET active = TRUE WHERE device_id = 'd1'"));
        assertEquals(1, write(dsl -> nodeA.removeNodes(dsl, Set.of(), 500)).size());
        assertFalse(active("d1"));
    }

    private boolean active(final String deviceId) throws Exception {
        return yes(dsl -> dsl.fetchOne("SELECT active FROM device_status WHERE device_id = ?", deviceId)
                .get(0, Boolean.class));
    }

    private boolean yes(final Function<DSLContext, Boolean> work) throws Exception {
        return write(work);
    }

    /** {@code last_connect_time} and {@code last_disconnect_time} */
    private List<Long> times(final String deviceId) throws Exception {
        return write(dsl -> {
            final var row = dsl.fetchOne(
                    "SELECT last_connect_time, last_disconnect_time FROM device_status WHERE device_id = ?", deviceId);
            return List.of(row.get(0, Long.class), row.get(1, Long.class));
        });
    }

    private Map<String, Transition> apply(final ConnectionRows node, final ConnectionRows.Change... changes)
            throws Exception {
        return write(dsl -> node.apply(dsl, List.of(changes)));
    }

    private static ConnectionRows.Change connect(final String deviceId, final String clientId, final long at) {
        return new ConnectionRows.Change(deviceId, clientId, true, at);
    }

    private static ConnectionRows.Change disconnect(final String deviceId, final String clientId, final long at) {
        return new ConnectionRows.Change(deviceId, clientId, false, at);
    }

    private <T> T write(final Function<DSLContext, T> work) throws Exception {
        return database.write(work).get(10, TimeUnit.SECONDS);
    }
}
