package io.hiveiot.deviceapi.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the telemetry of a device-data database (the SQLite file, or on PostgreSQL a connection whose schema is
 * {@code device_data}) from outside the broker's store, on a connection of the caller's (read-only is enough; the
 * broker may write meanwhile): chunks and every ingest row, without heads. For tools and tests that check what was
 * stored. The connection must be in auto-commit mode; the read runs in one transaction on it.
 */
public final class TelemetryFile {

    private TelemetryFile() {}

    /**
     * The device's points of {@code keys} (every key when empty) with {@code from <= ts <= to}, ordered by ts, then
     * key.
     */
    public static List<TsEntry> history(
            final Connection connection,
            final String deviceId,
            final Optional<Set<String>> keys,
            final long from,
            final long to)
            throws SQLException {
        return ReadTransaction.run(connection, read -> {
            final DeviceSeries series = DeviceSeries.read(read, deviceId, keys);
            final Unsealed unsealed = Unsealed.read(read, Heads.Snapshot.NONE, IngestRows.NONE, series.series());
            final var entries = new ArrayList<TsEntry>();
            for (final Map.Entry<String, Integer> key : series.ids().entrySet()) {
                try (var history = new SeriesHistory(read, key.getValue(), from, to, unsealed.of(key.getValue()))) {
                    while (history.next()) {
                        entries.add(new TsEntry(key.getKey(), history.ts(), history.value()));
                    }
                }
            }
            entries.sort(Comparator.comparingLong(TsEntry::ts).thenComparing(TsEntry::key));
            return entries;
        });
    }
}
