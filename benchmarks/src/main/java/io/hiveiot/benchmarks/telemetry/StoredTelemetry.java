package io.hiveiot.benchmarks.telemetry;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Counts what hive-iot actually stored, instead of assuming that an acknowledgement means stored: after
 * the run and the broker's stop, {@code <data>/hive-iot/device-data.db} is opened read-only and the
 * {@code ts_kv} rows of the run's devices, keys and ts range are counted. Telemetry history is keyed by
 * device id (not name) and a point replaces another of the same (device, key, ts), so with a client-side
 * ts unique per device (see {@link TelemetryPayload}) every stored message is exactly one row per key.
 */
public final class StoredTelemetry {

    /**
     * @param values   rows of ts_kv: one per stored value
     * @param messages distinct (device, ts) pairs: one per stored message
     */
    public record Count(long values, long messages) {
    }

    /** Points still in ts_kv_pending count too (extension-device-api folds them on stop; a killed broker does not). */
    private static final String COUNT = "SELECT count(*), count(DISTINCT ts) FROM ("
            + "SELECT key, ts FROM ts_kv WHERE device_id = ?1 AND key IN (?2, ?3, ?4) AND ts BETWEEN ?5 AND ?6 UNION "
            + "SELECT key, ts FROM ts_kv_pending WHERE device_id = ?1 AND key IN (?2, ?3, ?4) AND ts BETWEEN ?5 AND ?6)";

    private StoredTelemetry() {
    }

    public static Path database(final Path dataFolder) {
        return dataFolder.resolve("hive-iot").resolve("device-data.db");
    }

    /** The rows of {@link TelemetryPayload#KEYS} of these devices with {@code fromTs <= ts <= toTs}. */
    public static Count count(final Path database, final Collection<String> deviceIds, final long fromTs,
                              final long toTs) {
        if (!Files.isRegularFile(database)) {
            throw new IllegalStateException("no " + database + ": did the broker run extension-device-api?");
        }
        final var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        long values = 0;
        long messages = 0;
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
             PreparedStatement count = connection.prepareStatement(COUNT)) {
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
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot count the stored telemetry in " + database + ": " + e.getMessage(), e);
        }
        return new Count(values, messages);
    }
}
