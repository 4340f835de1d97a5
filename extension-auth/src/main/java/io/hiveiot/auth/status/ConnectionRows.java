package io.hiveiot.auth.status;

import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The writer's statements on {@code device_status} and {@code device_connection}, kept prepared: every CONNECT and
 * every disconnect runs them. Each change first writes (and so, on PostgreSQL, locks) the device's status row, so
 * that the changes of one device from several nodes happen one after the other and the last of them sees every
 * other node's rows: a device goes inactive only when no node holds it any more. Statements bind positional
 * parameters only, which both engines take.
 */
final class ConnectionRows {

    /** A device that went inactive because the node that held it stopped. */
    record Gone(String deviceId, String name, String account) {}

    private static final String STATUS_CONNECTED = "INSERT INTO device_status (last_connect_time, device_id, active, "
            + "last_activity_time) VALUES (?, ?, TRUE, ?) ON CONFLICT (device_id) DO UPDATE SET active = TRUE, "
            + "last_connect_time = excluded.last_connect_time, last_activity_time = excluded.last_activity_time";
    private static final String STATUS_DISCONNECTED =
            "UPDATE device_status SET active = FALSE, last_disconnect_time = ? WHERE device_id = ?";
    private static final String LOCK_STATUS = "UPDATE device_status SET active = active WHERE device_id = ?";
    private static final String CONNECTIONS = "SELECT count(*) FROM device_connection WHERE device_id = ?";
    private static final String ADD = "INSERT INTO device_connection (device_id, node, client_id, connected_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (device_id, node, client_id) DO UPDATE SET "
            + "connected_at = excluded.connected_at";
    private static final String REMOVE =
            "DELETE FROM device_connection WHERE device_id = ? AND node = ? AND client_id = ?";
    private static final String REMOVE_NODE = "DELETE FROM device_connection WHERE node = ?";
    private static final String ACTIVE_WITHOUT_CONNECTION = "SELECT s.device_id, d.name, d.account_id "
            + "FROM device_status s JOIN device d ON d.id = s.device_id WHERE s.active "
            + "AND NOT EXISTS (SELECT 1 FROM device_connection c WHERE c.device_id = s.device_id)";

    private final int node;
    private final StatementCache statements;

    ConnectionRows(final int node, final StatementCache statements) {
        this.node = node;
        this.statements = statements;
    }

    /**
     * Marks the device active and, for a client ID new on this node, records the connection.
     *
     * @return whether this is the device's only connection on any node
     */
    boolean connected(
            final DSLContext dsl, final String deviceId, final String clientId, final boolean newHere, final long now) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement status = statements.get(connection, STATUS_CONNECTED);
            status.setLong(1, now);
            status.setString(2, deviceId);
            status.setLong(3, now);
            status.executeUpdate();
            if (!newHere) {
                return false;
            }
            final boolean first = connections(connection, deviceId) == 0;
            final PreparedStatement add = statements.get(connection, ADD);
            add.setString(1, deviceId);
            add.setInt(2, node);
            add.setString(3, clientId);
            add.setLong(4, now);
            add.executeUpdate();
            return first;
        });
    }

    /**
     * Removes this node's connection of the client ID; the device goes inactive when no node holds it any more.
     *
     * @return whether that was the device's last connection on any node
     */
    boolean disconnected(final DSLContext dsl, final String deviceId, final String clientId, final long now) {
        return dsl.connectionResult(connection -> {
            lock(connection, deviceId);
            final PreparedStatement remove = statements.get(connection, REMOVE);
            remove.setString(1, deviceId);
            remove.setInt(2, node);
            remove.setString(3, clientId);
            remove.executeUpdate();
            return inactiveUnlessConnected(connection, deviceId, now);
        });
    }

    /**
     * Removes the connections of the given (stopped) nodes and marks every active device without a connection
     * left inactive.
     */
    List<Gone> removeNodes(final DSLContext dsl, final Set<Integer> nodes, final long now) {
        return dsl.connectionResult(connection -> {
            for (final int stopped : nodes) {
                try (PreparedStatement remove = connection.prepareStatement(REMOVE_NODE)) {
                    remove.setInt(1, stopped);
                    remove.executeUpdate();
                }
            }
            final var candidates = new ArrayList<Gone>();
            try (PreparedStatement query = connection.prepareStatement(ACTIVE_WITHOUT_CONNECTION);
                    ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    candidates.add(new Gone(row.getString(1), row.getString(2), row.getString(3)));
                }
            }
            final var gone = new ArrayList<Gone>();
            for (final Gone candidate : candidates) {
                lock(connection, candidate.deviceId());
                if (inactiveUnlessConnected(connection, candidate.deviceId(), now)) {
                    gone.add(candidate);
                }
            }
            return gone;
        });
    }

    private boolean inactiveUnlessConnected(final Connection connection, final String deviceId, final long now)
            throws SQLException {
        if (connections(connection, deviceId) > 0) {
            return false;
        }
        final PreparedStatement inactive = statements.get(connection, STATUS_DISCONNECTED);
        inactive.setLong(1, now);
        inactive.setString(2, deviceId);
        inactive.executeUpdate();
        return true;
    }

    /** Waits for (PostgreSQL) and then holds the device's status row until the commit. */
    private void lock(final Connection connection, final String deviceId) throws SQLException {
        final PreparedStatement lock = statements.get(connection, LOCK_STATUS);
        lock.setString(1, deviceId);
        lock.executeUpdate();
    }

    private int connections(final Connection connection, final String deviceId) throws SQLException {
        final PreparedStatement count = statements.get(connection, CONNECTIONS);
        count.setString(1, deviceId);
        try (ResultSet row = count.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
