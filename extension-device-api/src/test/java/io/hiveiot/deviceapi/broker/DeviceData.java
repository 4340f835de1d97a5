package io.hiveiot.deviceapi.broker;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.telemetry.TelemetryFile;
import io.hiveiot.deviceapi.telemetry.TsEntry;
import io.hiveiot.testkit.ExtensionDatabase;
import io.hiveiot.testkit.HiveMqBroker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a running broker's device-data database on a connection of its own, as another process would (SQLite's WAL
 * lets it read while the extension writes), and {@link TelemetryFile} decodes the telemetry (chunks and ingest
 * rows). On SQLite only safe while the extension runs in the test's own class loader (one copy of SQLite in the
 * process).
 */
final class DeviceData {

    private final ExtensionDatabase database;

    DeviceData(final HiveMqBroker broker) {
        this.database = broker.database("device-data");
    }

    /** Every history point as {@code key@ts=value}, by ts then key; values as JSON (a STRING quoted). */
    List<String> history(final String deviceId) throws SQLException {
        return format(entries(deviceId), true);
    }

    /** The history's keys and values without timestamps ({@code key=value}), for points at the server time. */
    List<String> historyValues(final String deviceId) throws SQLException {
        return format(entries(deviceId), false);
    }

    List<Long> timestamps(final String deviceId) throws SQLException {
        return entries(deviceId).stream().map(TsEntry::ts).distinct().toList();
    }

    /** Client attributes as {@code key=value}, by key. */
    List<String> clientAttributes(final String deviceId) throws SQLException {
        try (Connection connection = database.connect();
                var statement = connection.prepareStatement(
                        "SELECT key, type, bool_v, long_v, dbl_v, str_v, json_v FROM attribute "
                                + "WHERE device_id = ? AND scope = 'CLIENT' ORDER BY key")) {
            statement.setString(1, deviceId);
            final var result = new ArrayList<String>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1) + "=" + value(rows));
                }
            }
            return result;
        }
    }

    private List<TsEntry> entries(final String deviceId) throws SQLException {
        try (Connection connection = database.connect()) {
            return TelemetryFile.history(connection, deviceId, Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    private static List<String> format(final List<TsEntry> entries, final boolean withTs) {
        return entries.stream()
                .map(entry -> entry.key() + (withTs ? "@" + entry.ts() : "") + "=" + json(entry.value()))
                .toList();
    }

    private static String json(final TypedValue value) {
        return value instanceof TypedValue.StringValue text ? '"' + text.value() + '"' : value.toJson();
    }

    private static String value(final ResultSet row) throws SQLException {
        return switch (row.getInt(2)) {
            case 1 -> Boolean.toString(row.getBoolean(3));
            case 2 -> Long.toString(row.getLong(4));
            case 3 -> Double.toString(row.getDouble(5));
            case 4 -> '"' + row.getString(6) + '"';
            case 5 -> row.getString(7);
            default -> throw new IllegalStateException("type " + row.getInt(2));
        };
    }
}
