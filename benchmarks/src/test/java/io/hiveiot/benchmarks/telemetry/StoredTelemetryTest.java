package io.hiveiot.benchmarks.telemetry;

import io.hiveiot.deviceapi.DeviceDataDatabase;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.telemetry.TelemetrySettings;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoredTelemetryTest {

    @TempDir
    Path data;

    /**
     * A small device-data.db of the first layout, with ts_kv and ts_kv_pending tables (only the columns the count
     * reads matter).
     */
    private Path database() throws Exception {
        final Path file = StoredTelemetry.database(data);
        java.nio.file.Files.createDirectories(file.getParent());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement ddl = connection.createStatement()) {
            ddl.execute("PRAGMA journal_mode=WAL");
            ddl.execute("CREATE TABLE ts_kv (device_id TEXT NOT NULL, key TEXT NOT NULL, ts BIGINT NOT NULL, "
                    + "type SMALLINT NOT NULL, dbl_v DOUBLE, PRIMARY KEY (device_id, key, ts)) WITHOUT ROWID");
            ddl.execute(
                    "CREATE TABLE ts_kv_pending (part SMALLINT NOT NULL, id BIGINT NOT NULL, device_id TEXT NOT NULL, "
                            + "key TEXT NOT NULL, ts BIGINT NOT NULL, PRIMARY KEY (part, id)) WITHOUT ROWID");
            // d2: its third key of ts 100 still pending, and a pending second write of a point already folded
            ddl.execute(
                    "INSERT INTO ts_kv_pending VALUES (0, 1, 'd2', 'pressure', 100), (0, 2, 'd2', 'humidity', 100)");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ts_kv (device_id, key, ts, type, dbl_v) VALUES (?, ?, ?, 3, 1.5)")) {
                // d1: 3 messages of the run (ts 100..102), one older message (ts 50), one extra key.
                for (final long ts : new long[] {50, 100, 101, 102}) {
                    for (final String key : TelemetryPayload.KEYS) {
                        row(insert, "d1", key, ts);
                    }
                }
                row(insert, "d1", "other", 101);
                // d2: one message of the run with two of its keys folded.
                row(insert, "d2", "temperature", 100);
                row(insert, "d2", "humidity", 100);
                // d3: not one of the run's devices.
                row(insert, "d3", "temperature", 100);
            }
        }
        return file;
    }

    private static void row(final PreparedStatement insert, final String device, final String key, final long ts)
            throws Exception {
        insert.setString(1, device);
        insert.setString(2, key);
        insert.setLong(3, ts);
        insert.executeUpdate();
    }

    @Test
    void count_ofTheCurrentLayout_readsChunksAndIngestRows_throughTheExtensionsReader() throws Exception {
        final Path file = StoredTelemetry.database(data);
        try (Database database = DeviceDataDatabase.open(DatabaseSettings.forFile(file));
                var store = new TelemetryStore(
                        database, new TelemetrySettings(2, Duration.ofDays(1), Duration.ofDays(1)))) {
            for (final String device : List.of("d1", "d2", "d3")) {
                for (final long ts : new long[] {50, 100, 101, 102}) {
                    store.append(
                                    device,
                                    List.of(new TsKvBatch(
                                            ts,
                                            TelemetryPayload.KEYS.stream()
                                                    .map(key -> new KeyValue(key, new TypedValue.DoubleValue(1.5)))
                                                    .toList())))
                            .join();
                }
                store.append(
                                device,
                                List.of(new TsKvBatch(
                                        101, List.of(new KeyValue("other", new TypedValue.LongValue(1))))))
                        .join();
            }
            // some points in chunks, the rest in ingest rows: both count
            store.sealAll().join();
            store.append(
                            "d2",
                            List.of(new TsKvBatch(
                                    103, List.of(new KeyValue("pressure", new TypedValue.DoubleValue(2.5))))))
                    .join();
        }
        final StoredTelemetry.Count count = StoredTelemetry.count(file, List.of("d1", "d2"), 100, 103);
        assertEquals(2 * 3 * 3 + 1, count.values());
        assertEquals(3 + 4, count.messages());
    }

    @Test
    void count_ofTheFirstLayout_onlyTheRunsDevicesKeysAndTsRange() throws Exception {
        final Path file = database();
        final StoredTelemetry.Count count = StoredTelemetry.count(file, List.of("d1", "d2"), 100, 102);
        assertEquals(3 * 3 + 3, count.values());
        assertEquals(3 + 1, count.messages());
        assertEquals(new StoredTelemetry.Count(0, 0), StoredTelemetry.count(file, List.of("nobody"), 100, 102));
    }

    @Test
    void count_withoutTheDatabase_failsWithTheReason() {
        final var error = assertThrows(
                IllegalStateException.class,
                () -> StoredTelemetry.count(data.resolve("missing.db"), List.of("d1"), 0, 1));
        assertEquals(true, error.getMessage().contains("extension-device-api"));
    }
}
