package io.hiveiot.auth.status;

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
        assertTrue(yes(dsl -> nodeA.connected(dsl, "d1", "c1", true, 100)), "first connection anywhere");
        assertFalse(yes(dsl -> nodeB.connected(dsl, "d1", "c2", true, 200)));
        assertFalse(yes(dsl -> nodeA.disconnected(dsl, "d1", "c1", 300)), "node B still holds it");
        assertTrue(active("d1"));
        assertTrue(yes(dsl -> nodeB.disconnected(dsl, "d1", "c2", 400)), "its last connection");
        assertFalse(active("d1"));
    }

    @Test
    void sameClientIdAgainOnTheSameNode_isNoSecondConnection() throws Exception {
        assertTrue(yes(dsl -> nodeA.connected(dsl, "d1", "c1", true, 100)));
        assertFalse(yes(dsl -> nodeA.connected(dsl, "d1", "c1", false, 150)), "a takeover on one node");
        assertTrue(yes(dsl -> nodeA.disconnected(dsl, "d1", "c1", 200)));
        assertFalse(active("d1"));
    }

    @Test
    void removeNodes_marksInactiveOnlyTheDevicesNoLiveNodeHolds() throws Exception {
        write(dsl -> nodeA.connected(dsl, "d1", "c1", true, 100));
        write(dsl -> {
            dsl.execute("INSERT INTO device (id, account_id, name, created_at) VALUES ('d2', 'acme', 'valve', 0)");
            dsl.execute("INSERT INTO device_status (device_id) VALUES ('d2')");
            return nodeA.connected(dsl, "d2", "c3", true, 100) && nodeB.connected(dsl, "d2", "c4", true, 100);
        });

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

    private <T> T write(final Function<DSLContext, T> work) throws Exception {
        return database.write(work).get(10, TimeUnit.SECONDS);
    }
}
