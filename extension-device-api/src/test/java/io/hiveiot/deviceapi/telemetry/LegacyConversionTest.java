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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opens a device-data.db written by the previous release (see src/test/resources/legacy/README.md). */
class LegacyConversionTest {

    private static final String A = "5f0c1d2e-0000-4000-8000-00000000000a";
    private static final String B = "5f0c1d2e-0000-4000-8000-00000000000b";
    private static final String C = "5f0c1d2e-0000-4000-8000-00000000000c";
    private static final long T0 = 1_764_547_200_000L;

    @TempDir
    Path folder;

    private Database open() throws Exception {
        try (InputStream fixture = getClass().getResourceAsStream("/legacy/device-data-v3.db")) {
            Files.copy(fixture, folder.resolve("device-data.db"));
        }
        return TestDatabase.open(folder);
    }

    @Test
    void start_onTheFileOfThePreviousRelease_convertsEveryPointAndLatestValue_andDropsTheOldTables() throws Exception {
        try (Database database = open(); TelemetryStore store = new TelemetryStore(database)) {
            assertEquals(List.of(4, 5, 6), database.appliedMigrations());
            assertEquals(List.of("attribute", "bucket_record", "rpc", "rpc_sequence", "series", "ts_chunk",
                    "ts_ingest", "ts_latest"), await(database.read(dsl -> dsl.fetch("SELECT name FROM sqlite_master "
                    + "WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence') ORDER BY name")
                    .getValues(0, String.class))));

            final List<TsEntry> temperature = history(store, A, "temperature");
            assertEquals(301, temperature.size());
            assertEquals(new TsEntry("temperature", T0 + 999_000, new DoubleValue(99.5)), temperature.get(0));
            for (int i = 0; i < 300; i++) {
                assertEquals(new TsEntry("temperature", T0 + i * 1000L, new DoubleValue(20.0 + (i % 50) / 10.0)),
                        temperature.get(300 - i));
                assertEquals(new TsEntry("counter", T0 + i * 1000L, new LongValue(i * 7L - 1000)),
                        history(store, A, "counter").get(299 - i));
                assertEquals(new TsEntry("on", T0 + i * 1000L, new BooleanValue(i % 3 == 0)),
                        history(store, A, "on").get(299 - i));
            }
            assertEquals(List.of(new TsEntry("state", T0 + 8000, new LongValue(3)),
                    new TsEntry("state", T0 + 6000, new StringValue("pending wins")),
                    new TsEntry("state", T0 + 5000, new StringValue("replaced"))), history(store, A, "state"));
            assertEquals(List.of(new TsEntry("cfg", T0 + 7000, new JsonValue("{\"a\":1e3,\"b\":[1.50,null,\"x\"]}"))),
                    history(store, A, "cfg"));
            // ts Long.MAX_VALUE lies beyond every range with an exclusive end: latest and the count show it
            assertEquals(List.of(), history(store, A, "edge"));
            assertEquals(List.of(new TsEntry("t", T0 + 1, new LongValue(2)), new TsEntry("t", T0, new LongValue(10))),
                    history(store, B, "t"));
            assertEquals(List.of(), history(store, C, "gone"));
            assertEquals(301L + 300 + 300 + 3 + 1 + 1 + 2, await(store.countHistory()));

            assertEquals(Map.of(
                    "cfg", new TsValue(T0 + 7000, new JsonValue("{\"a\":1e3,\"b\":[1.50,null,\"x\"]}")),
                    "counter", new TsValue(T0 + 299_000, new LongValue(1093)),
                    "edge", new TsValue(Long.MAX_VALUE, new LongValue(Long.MIN_VALUE)),
                    "on", new TsValue(T0 + 299_000, new BooleanValue(false)),
                    "state", new TsValue(T0 + 8000, new LongValue(3)),
                    "temperature", new TsValue(T0 + 999_000, new DoubleValue(99.5))),
                    await(store.latest(A, Optional.empty())));
            assertEquals(Map.of("t", new TsValue(T0 + 1, new LongValue(2))), await(store.latest(B, Optional.empty())));
            assertEquals(Map.of("gone", new TsValue(2000, new DoubleValue(2.5))),
                    await(store.latest(C, Optional.empty())), "a latest value outlives its purged history");

            final var attributes = await(new AttributeStore(database, Clock.systemUTC()).get(A, KeySelection.ALL,
                    KeySelection.ALL));
            assertEquals(List.of(new KeyValue("model", new StringValue("T1"))), attributes.client());
            assertEquals(List.of(new KeyValue("target", new LongValue(22))), attributes.shared());
            assertEquals("setGpio", await(new RpcStore(database, Clock.systemUTC()).get(A, 0)).orElseThrow().method());
            assertEquals(1, await(new BucketStore(database).read("greenhouse", 0, Long.MAX_VALUE, Optional.empty(),
                    10)).size());
        }
    }

    @Test
    void writeAfterTheConversion_winsOverAConvertedPointOfTheSameTs() throws Exception {
        try (Database database = open(); TelemetryStore store = new TelemetryStore(database)) {
            final TypedValue newer = new StringValue("after the upgrade");
            await(store.append(A, List.of(batch(T0 + 1000, "counter", newer))));
            assertEquals(new TsEntry("counter", T0 + 1000, newer), history(store, A, "counter").get(298));
            await(store.sealAll());
            assertEquals(new TsEntry("counter", T0 + 1000, newer), history(store, A, "counter").get(298));
            assertEquals(300, history(store, A, "counter").size());
        }
        try (Database database = TestDatabase.open(folder)) {
            assertTrue(database.appliedMigrations().isEmpty());
        }
    }

    private static List<TsEntry> history(final TelemetryStore store, final String device, final String key) {
        return await(store.history(device, Set.of(key), Long.MIN_VALUE, Long.MAX_VALUE, TelemetryStore.MAX_LIMIT,
                Optional.empty())).entries();
    }
}
