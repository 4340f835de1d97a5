package io.hiveiot.auth.status;

import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writer's statements on {@code device_status} and {@code device_connection}, kept prepared: every CONNECT and
 * every disconnect runs them. The changes of many connections are written together ({@link #apply}): each device's
 * status row is written first (and so, on PostgreSQL, locked), devices in id order so that two nodes writing the
 * same devices never wait for each other in a circle; the changes of one device from several nodes then happen one
 * after the other, and the last of them sees every other node's rows: a device goes inactive only when no node holds
 * it any more. Statements bind positional parameters only, which both engines take, and the per-device ones run as
 * JDBC batches: one round trip each on PostgreSQL, whatever the number of devices.
 */
final class ConnectionRows {

    /** A device that went inactive because the node that held it stopped. */
    record Gone(String deviceId, String name, String account) {}

    /**
     * A connection of this node that came or went.
     *
     * @param connected it came (a client ID already recorded only refreshes its row); or it closed
     */
    record Change(String deviceId, String clientId, boolean connected, long at) {}

    /** What a device's changes did to it, over every node's connections. */
    enum Transition {
        /** It was connected somewhere before and still is, or it was not and still is not. */
        NONE,
        /** Its first connection on any node. */
        CAME,
        /** Its last connection on any node closed. */
        WENT,
        /** It had no connection anywhere, and one came and went within the changes. */
        CAME_AND_WENT
    }

    /** Ids bound per count query; a shorter list repeats its last id, so that one prepared statement serves all. */
    private static final int IDS_PER_QUERY = 64;

    private static final String TOUCH_STATUS = "INSERT INTO device_status (device_id) SELECT id FROM device "
            + "WHERE id = ? ON CONFLICT (device_id) DO UPDATE SET active = device_status.active";
    private static final String STATUS = "UPDATE device_status SET active = ?, "
            + "last_connect_time = COALESCE(?, last_connect_time), "
            + "last_disconnect_time = COALESCE(?, last_disconnect_time), "
            + "last_activity_time = COALESCE(?, last_activity_time) WHERE device_id = ?";
    private static final String STATUS_DISCONNECTED =
            "UPDATE device_status SET active = FALSE, last_disconnect_time = ? WHERE device_id = ?";
    private static final String LOCK_STATUS = "UPDATE device_status SET active = active WHERE device_id = ?";
    private static final String CONNECTIONS = "SELECT count(*) FROM device_connection WHERE device_id = ?";
    private static final String CONNECTIONS_OF_DEVICES = "SELECT device_id, count(*) FROM device_connection "
            + "WHERE device_id IN (" + String.join(", ", Collections.nCopies(IDS_PER_QUERY, "?"))
            + ") GROUP BY device_id";
    private static final String ADD = "INSERT INTO device_connection (device_id, node, client_id, connected_at) "
            + "SELECT id, ?, ?, ? FROM device WHERE id = ? ON CONFLICT (device_id, node, client_id) DO UPDATE SET "
            + "connected_at = excluded.connected_at";
    private static final String REMOVE =
            "DELETE FROM device_connection WHERE device_id = ? AND node = ? AND client_id = ?";
    private static final String REMOVE_NODE = "DELETE FROM device_connection WHERE node = ?";
    private static final String ACTIVE_WITHOUT_CONNECTION = "SELECT s.device_id, d.name, d.account_id "
            + "FROM device_status s JOIN device d ON d.id = s.device_id WHERE s.active "
            + "AND NOT EXISTS (SELECT 1 FROM device_connection c WHERE c.device_id = s.device_id) ORDER BY s.device_id";

    private final int node;
    private final StatementCache statements;

    ConnectionRows(final int node, final StatementCache statements) {
        this.node = node;
        this.statements = statements;
    }

    /**
     * Writes the changes, in the order given, as one: the last change of each client ID decides its row, the
     * device's latest connect and disconnect times its status. The changes of a device deleted meanwhile are left
     * out (its rows went with it).
     *
     * @return what the changes did to each device they name
     */
    Map<String, Transition> apply(final DSLContext dsl, final List<Change> changes) {
        final var byDevice = new TreeMap<String, DeviceChanges>();
        for (final Change change : changes) {
            byDevice.computeIfAbsent(change.deviceId(), id -> new DeviceChanges())
                    .add(change);
        }
        return dsl.connectionResult(connection -> {
            final PreparedStatement touch = statements.get(connection, TOUCH_STATUS);
            for (final String deviceId : byDevice.keySet()) {
                touch.setString(1, deviceId);
                touch.addBatch();
            }
            final int[] touched = touch.executeBatch();
            final var transitions = new HashMap<String, Transition>();
            final var ids = List.copyOf(byDevice.keySet());
            for (int i = 0; i < touched.length; i++) {
                if (touched[i] == 0) {
                    byDevice.remove(ids.get(i));
                    transitions.put(ids.get(i), Transition.NONE);
                }
            }
            final Map<String, Integer> before = connections(connection, byDevice.keySet());
            final PreparedStatement add = statements.get(connection, ADD);
            final PreparedStatement remove = statements.get(connection, REMOVE);
            boolean adds = false;
            boolean removes = false;
            for (final var device : byDevice.entrySet()) {
                for (final Change last : device.getValue().lastByClientId.values()) {
                    if (last.connected()) {
                        add.setInt(1, node);
                        add.setString(2, last.clientId());
                        add.setLong(3, last.at());
                        add.setString(4, device.getKey());
                        add.addBatch();
                        adds = true;
                    } else {
                        remove.setString(1, device.getKey());
                        remove.setInt(2, node);
                        remove.setString(3, last.clientId());
                        remove.addBatch();
                        removes = true;
                    }
                }
            }
            if (adds) {
                add.executeBatch();
            }
            if (removes) {
                remove.executeBatch();
            }
            final Map<String, Integer> after = connections(connection, byDevice.keySet());
            final PreparedStatement status = statements.get(connection, STATUS);
            for (final var device : byDevice.entrySet()) {
                final DeviceChanges changed = device.getValue();
                final boolean was = before.getOrDefault(device.getKey(), 0) > 0;
                final boolean is = after.getOrDefault(device.getKey(), 0) > 0;
                status.setBoolean(1, is);
                setTime(status, 2, changed.lastConnect);
                setTime(status, 3, is ? null : changed.lastDisconnect);
                setTime(status, 4, changed.lastConnect);
                status.setString(5, device.getKey());
                status.addBatch();
                transitions.put(device.getKey(), transition(was, is, changed.lastConnect != null));
            }
            status.executeBatch();
            return transitions;
        });
    }

    private static Transition transition(final boolean was, final boolean is, final boolean came) {
        if (was == is) {
            return !was && came ? Transition.CAME_AND_WENT : Transition.NONE;
        }
        return is ? Transition.CAME : Transition.WENT;
    }

    /** One device's changes: the last of each client ID, and its latest connect and disconnect. */
    private static final class DeviceChanges {
        private final Map<String, Change> lastByClientId = new LinkedHashMap<>();
        private Long lastConnect;
        private Long lastDisconnect;

        void add(final Change change) {
            lastByClientId.put(change.clientId(), change);
            if (change.connected()) {
                lastConnect = change.at();
            } else {
                lastDisconnect = change.at();
            }
        }
    }

    private static void setTime(final PreparedStatement statement, final int index, final Long time)
            throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, time);
        }
    }

    /** Every node's connections of each device that has any. */
    private Map<String, Integer> connections(final Connection connection, final Collection<String> deviceIds)
            throws SQLException {
        final PreparedStatement count = statements.get(connection, CONNECTIONS_OF_DEVICES);
        final var counts = new HashMap<String, Integer>();
        final List<String> ids = List.copyOf(deviceIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            final int to = Math.min(ids.size(), from + IDS_PER_QUERY);
            for (int i = 0; i < IDS_PER_QUERY; i++) {
                count.setString(i + 1, ids.get(Math.min(from + i, to - 1)));
            }
            try (ResultSet row = count.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), row.getInt(2));
                }
            }
        }
        return counts;
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
