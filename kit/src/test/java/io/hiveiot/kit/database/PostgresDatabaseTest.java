package io.hiveiot.kit.database;

import io.hiveiot.testkit.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database contract on a real PostgreSQL server, and what only a server connection can do: break, be shared. */
class PostgresDatabaseTest extends DatabaseContract {

    @Override
    DatabaseSettings newDatabase() {
        return DatabaseSettings.forUrl(PostgresServer.get().newDatabase());
    }

    @Test
    void writerConnectionKilledByTheServer_failsThatBatch_andTheNextWriteCommits() throws Exception {
        insertItem(1, "o1").get(5, TimeUnit.SECONDS);
        try (var admin = DriverManager.getConnection(settings().jdbcUrl())) {
            admin.createStatement()
                    .execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE application_name = 'hive-iot sample' AND pid <> pg_backend_pid()");
        }
        final var broken =
                assertThrows(ExecutionException.class, () -> insertItem(2, "o1").get(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, broken.getCause());
        assertEquals(1, insertItem(3, "o1").get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 3), retryRead());
    }

    @Test
    void severalNodesOpeningOneSchemaAtOnce_migrateItOnce() throws Exception {
        final DatabaseSettings shared = newDatabase();
        final List<CompletableFuture<Database>> nodes = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> open(shared)));
        }
        int applied = 0;
        for (final var node : nodes) {
            try (Database database = node.get(60, TimeUnit.SECONDS)) {
                applied += database.appliedMigrations().size();
            }
        }
        assertEquals(2, applied, "each of the two migrations ran on exactly one node");
    }

    /** A read thread whose connection was killed too fails once, then reconnects. */
    private List<Integer> retryRead() throws Exception {
        try {
            return itemIds();
        } catch (final ExecutionException e) {
            assertTrue(e.getCause() instanceof StoreException);
            return itemIds();
        }
    }
}
