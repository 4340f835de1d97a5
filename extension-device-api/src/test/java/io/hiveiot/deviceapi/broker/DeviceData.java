package io.hiveiot.deviceapi.broker;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a running broker's device-data.db with plain JDBC on a read-only connection, as an operator's script
 * would: WAL lets it read while the extension writes. Only safe while the extension runs in the test's own class
 * loader (one copy of SQLite in the process).
 */
final class DeviceData {

    private final SQLiteDataSource dataSource;

    DeviceData(final Path brokerDataFolder) {
        final var config = new SQLiteConfig();
        config.setReadOnly(true);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + brokerDataFolder.resolve("hive-iot/device-data.db"));
    }

    /**
     * The history as the extension answers it: ts_kv with the points still pending, of which, per (key, ts), the
     * last one appended replaces what ts_kv has (SQLite takes the bare columns from the row holding the max).
     */
    private static final String HISTORY = "SELECT key, ts, type, bool_v, long_v, dbl_v, str_v, json_v, "
            + "max(arrival) FROM ("
            + "SELECT key, ts, type, bool_v, long_v, dbl_v, str_v, json_v, 0 AS arrival FROM ts_kv WHERE device_id = ?1 "
            + "UNION ALL SELECT key, ts, type, bool_v, long_v, dbl_v, str_v, json_v, id FROM ts_kv_pending "
            + "WHERE device_id = ?1) GROUP BY key, ts ORDER BY ts, key";

    /** Every history point as {@code key@ts=value}, by ts then key; values as JSON (a STRING quoted). */
    List<String> history(final String deviceId) throws SQLException {
        return query(HISTORY, deviceId, true);
    }

    /** The history's keys and values without timestamps ({@code key=value}), for points at the server time. */
    List<String> historyValues(final String deviceId) throws SQLException {
        return query(HISTORY, deviceId, false);
    }

    List<Long> timestamps(final String deviceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT ts FROM ts_kv WHERE device_id = ?1 "
                     + "UNION SELECT ts FROM ts_kv_pending WHERE device_id = ?1 ORDER BY ts")) {
            statement.setString(1, deviceId);
            final var result = new ArrayList<Long>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getLong(1));
                }
            }
            return result;
        }
    }

    /** Client attributes as {@code key=value}, by key. */
    List<String> clientAttributes(final String deviceId) throws SQLException {
        return query("SELECT key, 0, type, bool_v, long_v, dbl_v, str_v, json_v FROM attribute "
                + "WHERE device_id = ? AND scope = 'CLIENT' ORDER BY key", deviceId, false);
    }

    private List<String> query(final String sql, final String deviceId, final boolean withTs) throws SQLException {
        try (Connection connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            final var result = new ArrayList<String>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1) + (withTs ? "@" + rows.getLong(2) : "") + "=" + value(rows));
                }
            }
            return result;
        }
    }

    private static String value(final ResultSet row) throws SQLException {
        return switch (row.getInt(3)) {
            case 1 -> Boolean.toString(row.getBoolean(4));
            case 2 -> Long.toString(row.getLong(5));
            case 3 -> Double.toString(row.getDouble(6));
            case 4 -> '"' + row.getString(7) + '"';
            case 5 -> row.getString(8);
            default -> throw new IllegalStateException("type " + row.getInt(3));
        };
    }
}
