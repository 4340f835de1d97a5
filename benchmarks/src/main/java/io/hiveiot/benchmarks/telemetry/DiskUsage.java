package io.hiveiot.benchmarks.telemetry;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stopped broker's device-data.db takes on disk, and of what: the file and its WAL (none after a clean stop),
 * SQLite's free pages, and, in the layout of the telemetry store v2, the encoded chunk data and the ingest rows not
 * sealed yet. The metrics of the {@code disk} scenario, measured once the broker has stopped.
 */
public final class DiskUsage {

    private DiskUsage() {}

    /** @param storedValues the values counted in the file ({@link StoredTelemetry}) */
    public static Map<String, Double> measure(final Path database, final long storedValues) {
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final long file = size(database) + size(database.resolveSibling(database.getFileName() + "-wal"));
        metrics.put("file_bytes", (double) file);
        metrics.put("stored_values", (double) storedValues);
        metrics.put("bytes_per_value", storedValues == 0 ? Double.NaN : (double) file / storedValues);
        final var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            final long pageSize = single(statement, "PRAGMA page_size");
            metrics.put("free_bytes", (double) pageSize * single(statement, "PRAGMA freelist_count"));
            if (single(statement, "SELECT count(*) FROM sqlite_master WHERE name = 'ts_chunk'") == 1) {
                metrics.put("chunks", (double) single(statement, "SELECT count(*) FROM ts_chunk"));
                metrics.put(
                        "chunk_data_bytes_per_value",
                        storedValues == 0
                                ? Double.NaN
                                : (double) single(statement, "SELECT coalesce(sum(length(data)), 0) FROM ts_chunk")
                                        / storedValues);
                metrics.put("ingest_bytes", (double)
                        single(statement, "SELECT coalesce(sum(length(points)), 0) FROM ts_ingest"));
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
        return metrics;
    }

    private static long single(final Statement statement, final String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static long size(final Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
