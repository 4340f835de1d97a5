package io.hiveiot.deviceapi.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A device's series as the database has them (every node's, not only the ones this node created): key → id in key
 * order, and the set of those ids.
 */
record DeviceSeries(Map<String, Integer> ids, Set<Integer> series) {

    private static final String OF_DEVICE = "SELECT key, id FROM series WHERE device_id = ?";
    private static final String ALL = "SELECT key, id FROM series";

    /** @param keys the keys wanted, or empty for all */
    static DeviceSeries read(final Connection connection, final String deviceId, final Optional<Set<String>> keys)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(OF_DEVICE)) {
            select.setString(1, deviceId);
            return collect(select, keys);
        }
    }

    /** Every series of every device; keys are not unique across devices, so only {@link #series} is complete. */
    static DeviceSeries all(final Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ALL)) {
            return collect(select, Optional.empty());
        }
    }

    private static DeviceSeries collect(final PreparedStatement select, final Optional<Set<String>> keys)
            throws SQLException {
        final var ids = new TreeMap<String, Integer>();
        final var series = new HashSet<Integer>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                final String key = rows.getString(1);
                if (keys.isEmpty() || keys.get().contains(key)) {
                    ids.put(key, rows.getInt(2));
                    series.add(rows.getInt(2));
                }
            }
        }
        return new DeviceSeries(ids, series);
    }
}
