package io.hiveiot.benchmarks.telemetry;

import io.hiveiot.deviceapi.telemetry.TelemetryFile;
import io.hiveiot.deviceapi.telemetry.TsEntry;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Counts what hive-iot actually stored, instead of assuming that an acknowledgement means stored: after
 * the run and the broker's stop, {@code <data>/hive-iot/device-data.db} is opened read-only and the
 * points of the run's devices, keys and ts range are counted. Telemetry is keyed by device id (not name) and a point
 * replaces another of the same (device, key, ts), so with a client-side ts unique per device (see
 * {@link TelemetryPayload}) every stored message is exactly one point per key. The file is read with
 * extension-device-api's own reader ({@link TelemetryFile}: chunks and the ingest rows not sealed yet); a file of
 * the release before the telemetry store v2 (rows in {@code ts_kv} and {@code ts_kv_pending}) is counted by SQL, so
 * that the two layouts can be measured the same way. A broker on PostgreSQL is counted the same way in its
 * {@code device_data} schema.
 */
public final class StoredTelemetry {

    /**
     * @param values   points stored: one per stored value
     * @param messages distinct (device, ts) pairs: one per stored message
     */
    public record Count(long values, long messages) {}

    /** The first layout: points still in ts_kv_pending count too (a killed broker did not fold them). */
    private static final String LEGACY_COUNT = "SELECT count(*), count(DISTINCT ts) FROM ("
            + "SELECT key, ts FROM ts_kv WHERE device_id = ?1 AND key IN (?2, ?3, ?4) AND ts BETWEEN ?5 AND ?6 UNION "
            + "SELECT key, ts FROM ts_kv_pending WHERE device_id = ?1 AND key IN (?2, ?3, ?4) AND ts BETWEEN ?5 AND ?6)";

    private StoredTelemetry() {}

    public static Path database(final Path dataFolder) {
        return dataFolder.resolve("hive-iot").resolve("device-data.db");
    }

    /** The points of {@link TelemetryPayload#KEYS} of these devices with {@code fromTs <= ts <= toTs}. */
    public static Count count(
            final Path database, final Collection<String> deviceIds, final long fromTs, final long toTs) {
        if (!Files.isRegularFile(database)) {
            throw new IllegalStateException("no " + database + ": did the broker run extension-device-api?");
        }
        final var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database)) {
            return legacy(connection)
                    ? legacyCount(connection, deviceIds, fromTs, toTs)
                    : count(connection, deviceIds, fromTs, toTs);
        } catch (final SQLException e) {
            throw new IllegalStateException(
                    "cannot count the stored telemetry in " + database + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #count(Path, Collection, long, long)}, in the {@code device_data} schema of a PostgreSQL database. */
    public static Count countOnPostgresql(
            final String databaseUrl, final Collection<String> deviceIds, final long fromTs, final long toTs) {
        try (Connection connection = DriverManager.getConnection(databaseUrl)) {
            connection.setSchema("device_data");
            return count(connection, deviceIds, fromTs, toTs);
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot count the stored telemetry in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Count count(
            final Connection connection, final Collection<String> deviceIds, final long fromTs, final long toTs)
            throws SQLException {
        long values = 0;
        long messages = 0;
        for (final String deviceId : deviceIds) {
            final List<TsEntry> points = TelemetryFile.history(
                    connection, deviceId, Optional.of(Set.copyOf(TelemetryPayload.KEYS)), fromTs, toTs);
            values += points.size();
            messages += points.stream().mapToLong(TsEntry::ts).distinct().count();
        }
        return new Count(values, messages);
    }

    private static boolean legacy(final Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ts_kv'");
                ResultSet row = select.executeQuery()) {
            return row.next() && row.getInt(1) == 1;
        }
    }

    private static Count legacyCount(
            final Connection connection, final Collection<String> deviceIds, final long fromTs, final long toTs)
            throws SQLException {
        long values = 0;
        long messages = 0;
        try (PreparedStatement count = connection.prepareStatement(LEGACY_COUNT)) {
            for (final String deviceId : deviceIds) {
                count.setString(1, deviceId);
                for (int i = 0; i < TelemetryPayload.KEYS.size(); i++) {
                    count.setString(2 + i, TelemetryPayload.KEYS.get(i));
                }
                count.setLong(5, fromTs);
                count.setLong(6, toTs);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    values += row.getLong(1);
                    messages += row.getLong(2);
                }
            }
        }
        return new Count(values, messages);
    }
}
