package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.kit.database.Notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Which {@code ts_ingest} rows a node holds, by their {@code writer}: on a database of its own (SQLite) every row is
 * this node's, whoever wrote it; on a database that several broker nodes share (PostgreSQL) a node holds the rows it
 * wrote, named by its node id, and the points of the others' rows are in their memory, not in its own. Its reads then
 * take every row of the other writers from the database, its seals delete only its own rows, and the rows of a node
 * that stopped are sealed by a live one ({@link StoppedWriters}).
 */
final class IngestRows {

    /** A reader that holds no rows: every row is read from the database. */
    static final IngestRows NONE = new IngestRows("", true, null);

    private final String writer;
    private final boolean shared;
    private final Notifications notifications;

    private IngestRows(final String writer, final boolean shared, final Notifications notifications) {
        this.writer = writer;
        this.shared = shared;
        this.notifications = notifications;
    }

    /** A node alone on its database, for tests and tools that open a store without the broker. */
    static IngestRows alone() {
        return new IngestRows("local", false, null);
    }

    /** This node's rows, among the nodes of {@code notifications}. */
    static IngestRows of(final Notifications notifications) {
        return new IngestRows(Integer.toString(notifications.node()), notifications.shared(), notifications);
    }

    /** The name written into this node's rows: its node id. */
    String writer() {
        return writer;
    }

    /** Whether other nodes write rows into the same table. */
    boolean shared() {
        return shared;
    }

    /**
     * The rows a read takes from the database, given that the heads include this node's rows up to
     * {@code applied}: its newer ones and, on a shared database, every row of another writer. Parameters set here;
     * columns id, points; ordered by id.
     */
    PreparedStatement notInHeads(final Connection connection, final long applied) throws SQLException {
        final PreparedStatement select = connection.prepareStatement(
                shared
                        ? "SELECT id, points FROM ts_ingest WHERE id > ? OR writer <> ? ORDER BY id"
                        : "SELECT id, points FROM ts_ingest WHERE id > ? ORDER BY id");
        select.setLong(1, applied);
        if (shared) {
            select.setString(2, writer);
        }
        return select;
    }

    /** The rows a start replays into the heads: every row, or on a shared database this node's. */
    PreparedStatement toReplay(final Connection connection) throws SQLException {
        if (!shared) {
            return connection.prepareStatement("SELECT id, points FROM ts_ingest ORDER BY id");
        }
        final PreparedStatement select =
                connection.prepareStatement("SELECT id, points FROM ts_ingest WHERE writer = ? ORDER BY id");
        select.setString(1, writer);
        return select;
    }

    /**
     * Whether a replay may skip a series' points of rows up to its {@code sealed_to}: only when this node wrote
     * every row. Another node's seal raises it past rows of this node whose points of the series it never saw.
     */
    boolean sealedToSkips() {
        return !shared;
    }

    /** The statement that deletes this node's rows before an id (the parameters: {@link #bindForget}). */
    String forgetSql() {
        return shared ? "DELETE FROM ts_ingest WHERE writer = ? AND id < ?" : "DELETE FROM ts_ingest WHERE id < ?";
    }

    void bindForget(final PreparedStatement forget, final long before) throws SQLException {
        if (shared) {
            forget.setString(1, writer);
            forget.setLong(2, before);
        } else {
            forget.setLong(1, before);
        }
    }

    /** The writers of the nodes running now, this one included. */
    CompletableFuture<Set<String>> liveWriters() {
        return notifications
                .liveNodes()
                .thenApply(nodes ->
                        nodes.stream().map(node -> Integer.toString(node)).collect(Collectors.toUnmodifiableSet()));
    }
}
