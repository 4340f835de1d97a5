package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.bucket.BucketStore;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.rpc.RpcStore;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens a device-data.db written by the previous release (see src/test/resources/legacy/README.md); on PostgreSQL,
 * its rows copied into a schema migrated up to that release's version.
 */
class LegacyConversionTest {

    private static final String A = "5f0c1d2e-0000-4000-8000-00000000000a";
    private static final String B = "5f0c1d2e-0000-4000-8000-00000000000b";
    private static final String C = "5f0c1d2e-0000-4000-8000-00000000000c";
    private static final long T0 = 1_764_547_200_000L;

    @TempDir
    Path folder;

    private static final List<String> V3_TABLES =
            List.of("attribute", "bucket_record", "rpc", "rpc_sequence", "ts_kv", "ts_kv_latest", "ts_kv_pending");

    private Database open() throws Exception {
        final Path file = folder.resolve("device-data.db");
        try (InputStream fixture = getClass().getResourceAsStream("/legacy/device-data-v3.db")) {
            Files.copy(fixture, file);
        }
        if (TestDatabase.postgres()) {
            try (Database v3 = TestDatabase.openAt(folder, 3)) {
                await(v3.write(dsl -> {
                    dsl.connection(postgres -> copyRows(file, postgres));
                    return null;
                }));
            }
        }
        return TestDatabase.open(folder);
    }

    /** Every row of the fixture's tables into the same tables on PostgreSQL, each value as its column types it. */
    private static void copyRows(final Path file, final Connection postgres) throws SQLException {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (final String table : V3_TABLES) {
                try (var select = sqlite.createStatement();
                        ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
                    final int columns = rows.getMetaData().getColumnCount();
                    final var names = new ArrayList<String>();
                    for (int i = 1; i <= columns; i++) {
                        names.add(rows.getMetaData().getColumnName(i));
                    }
                    try (var insert = postgres.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names)
                            + ") VALUES (" + "?, ".repeat(columns - 1) + "?)")) {
                        final var types = insert.getParameterMetaData();
                        while (rows.next()) {
                            for (int i = 1; i <= columns; i++) {
                                final int type = types.getParameterType(i);
                                if (rows.getObject(i) == null) {
                                    insert.setNull(i, type);
                                } else if (type == Types.BIT || type == Types.BOOLEAN) {
                                    insert.setBoolean(i, rows.getBoolean(i));
                                } else {
                                    insert.setObject(i, rows.getObject(i), type);
                                }
                            }
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
            }
        }
        try (var statement = postgres.createStatement()) {
            statement.execute(
                    "SELECT setval(pg_get_serial_sequence('bucket_record', 'id'), max(id)) FROM bucket_record");
        }
    }

    @Test
    void start_onTheFileOfThePreviousRelease_convertsEveryPointAndLatestValue_andDropsTheOldTables() throws Exception {
        try (Database database = open();
                TelemetryStore store = new TelemetryStore(database)) {
            assertEquals(List.of(4, 5, 6, 7, 8), database.appliedMigrations());
            assertEquals(TestDatabase.TABLES, TestDatabase.tables(database));

            final List<TsEntry> temperature = history(store, A, "temperature");
            assertEquals(301, temperature.size());
            assertEquals(new TsEntry("temperature", T0 + 999_000, new DoubleValue(99.5)), temperature.get(0));
            for (int i = 0; i < 300; i++) {
                assertEquals(
                        new TsEntry("temperature", T0 + i * 1000L, new DoubleValue(20.0 + (i % 50) / 10.0)),
                        temperature.get(300 - i));
                assertEquals(
                        new TsEntry("counter", T0 + i * 1000L, new LongValue(i * 7L - 1000)),
                        history(store, A, "counter").get(299 - i));
                assertEquals(
                        new TsEntry("on", T0 + i * 1000L, new BooleanValue(i % 3 == 0)),
                        history(store, A, "on").get(299 - i));
            }
            assertEquals(
                    List.of(
                            new TsEntry("state", T0 + 8000, new LongValue(3)),
                            new TsEntry("state", T0 + 6000, new StringValue("pending wins")),
                            new TsEntry("state", T0 + 5000, new StringValue("replaced"))),
                    history(store, A, "state"));
            assertEquals(
                    List.of(new TsEntry("cfg", T0 + 7000, new JsonValue("{\"a\":1e3,\"b\":[1.50,null,\"x\"]}"))),
                    history(store, A, "cfg"));
            // ts Long.MAX_VALUE lies beyond every range with an exclusive end: latest and the count show it
            assertEquals(List.of(), history(store, A, "edge"));
            assertEquals(
                    List.of(new TsEntry("t", T0 + 1, new LongValue(2)), new TsEntry("t", T0, new LongValue(10))),
                    history(store, B, "t"));
            assertEquals(List.of(), history(store, C, "gone"));
            assertEquals(301L + 300 + 300 + 3 + 1 + 1 + 2, await(store.countHistory()));

            assertEquals(
                    Map.of(
                            "cfg", new TsValue(T0 + 7000, new JsonValue("{\"a\":1e3,\"b\":[1.50,null,\"x\"]}")),
                            "counter", new TsValue(T0 + 299_000, new LongValue(1093)),
                            "edge", new TsValue(Long.MAX_VALUE, new LongValue(Long.MIN_VALUE)),
                            "on", new TsValue(T0 + 299_000, new BooleanValue(false)),
                            "state", new TsValue(T0 + 8000, new LongValue(3)),
                            "temperature", new TsValue(T0 + 999_000, new DoubleValue(99.5))),
                    await(store.latest(A, Optional.empty())));
            assertEquals(Map.of("t", new TsValue(T0 + 1, new LongValue(2))), await(store.latest(B, Optional.empty())));
            assertEquals(
                    Map.of("gone", new TsValue(2000, new DoubleValue(2.5))),
                    await(store.latest(C, Optional.empty())),
                    "a latest value outlives its purged history");

            final var attributes =
                    await(new AttributeStore(database, Clock.systemUTC()).get(A, KeySelection.ALL, KeySelection.ALL));
            assertEquals(List.of(new KeyValue("model", new StringValue("T1"))), attributes.client());
            assertEquals(List.of(new KeyValue("target", new LongValue(22))), attributes.shared());
            assertEquals(
                    "setGpio",
                    await(new RpcStore(database, Clock.systemUTC()).get(A, 0))
                            .orElseThrow()
                            .method());
            assertEquals(
                    1,
                    await(new BucketStore(database).read("greenhouse", 0, Long.MAX_VALUE, Optional.empty(), 10))
                            .size());
        }
    }

    @Test
    void writeAfterTheConversion_winsOverAConvertedPointOfTheSameTs() throws Exception {
        try (Database database = open();
                TelemetryStore store = new TelemetryStore(database)) {
            final TypedValue newer = new StringValue("after the upgrade");
            await(store.append(A, List.of(batch(T0 + 1000, "counter", newer))));
            assertEquals(
                    new TsEntry("counter", T0 + 1000, newer),
                    history(store, A, "counter").get(298));
            await(store.sealAll());
            assertEquals(
                    new TsEntry("counter", T0 + 1000, newer),
                    history(store, A, "counter").get(298));
            assertEquals(300, history(store, A, "counter").size());
        }
        try (Database database = TestDatabase.open(folder)) {
            assertTrue(database.appliedMigrations().isEmpty());
        }
    }

    private static List<TsEntry> history(final TelemetryStore store, final String device, final String key) {
        return await(store.history(
                        device,
                        Set.of(key),
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        TelemetryStore.MAX_LIMIT,
                        Optional.empty()))
                .entries();
    }
}
