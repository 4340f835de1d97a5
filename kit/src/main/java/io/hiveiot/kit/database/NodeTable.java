package io.hiveiot.kit.database;

import org.jooq.DSLContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The nodes that joined a database, in its table {@code hive_iot_node}: the kit's own, created like
 * {@code schema_migrations} outside the extension's migrations. A node is added at start and removed once another
 * node (or, on SQLite, its own next start) has cleaned up what it held.
 */
final class NodeTable {

    private static final String DUPLICATE_TABLE = "42P07";
    private static final String UNIQUE_VIOLATION = "23505";

    private NodeTable() {}

    static void register(final Database database, final int node) {
        final long now = System.currentTimeMillis();
        try {
            database.write(dsl -> insert(dsl, node, now)).join();
        } catch (final CompletionException e) {
            // Two nodes creating the table at once: one of them loses that race, and finds the table on a retry.
            if (!raced(e)) {
                throw new StoreException(
                        database.name() + ": cannot record the node: "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
            database.write(dsl -> insert(dsl, node, now)).join();
        }
    }

    private static Void insert(final DSLContext dsl, final int node, final long now) {
        dsl.connection(jdbc -> {
            try (Statement create = jdbc.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS hive_iot_node (node INTEGER NOT NULL PRIMARY KEY, "
                        + "joined_at BIGINT NOT NULL)");
            }
            try (PreparedStatement insert =
                    jdbc.prepareStatement("INSERT INTO hive_iot_node (node, joined_at) VALUES (?, ?)")) {
                insert.setInt(1, node);
                insert.setLong(2, now);
                insert.executeUpdate();
            }
        });
        return null;
    }

    private static boolean raced(final CompletionException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (DUPLICATE_TABLE.equals(sql.getSQLState()) || UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static Set<Integer> nodes(final DSLContext dsl) {
        return dsl.connectionResult(jdbc -> {
            final var nodes = new HashSet<Integer>();
            try (Statement query = jdbc.createStatement();
                    ResultSet rows = query.executeQuery("SELECT node FROM hive_iot_node")) {
                while (rows.next()) {
                    nodes.add(rows.getInt(1));
                }
            }
            return nodes;
        });
    }

    static void forget(final DSLContext dsl, final int node) {
        dsl.connection(jdbc -> {
            try (PreparedStatement delete = jdbc.prepareStatement("DELETE FROM hive_iot_node WHERE node = ?")) {
                delete.setInt(1, node);
                delete.executeUpdate();
            }
        });
    }
}
