package io.hiveiot.deviceapi.attributes;

import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.storage.MutableClock;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hiveiot.deviceapi.schema.Tables.ATTRIBUTE;
import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AttributeStoreTest {

    private static final String DEVICE = "5c0ffee0-device";
    private static final String OTHER_DEVICE = "7e57ab1e-device";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(1_000);
    private Database database;
    private AttributeStore store;

    @BeforeEach
    void open() {
        database = TestDatabase.open(folder);
        store = new AttributeStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static KeyValue kv(final String key, final long value) {
        return new KeyValue(key, new LongValue(value));
    }

    private static KeyValue kv(final String key, final String value) {
        return new KeyValue(key, new StringValue(value));
    }

    private long lastUpdateTs(final AttributeScope scope, final String key) {
        return await(database.read(dsl -> dsl.select(ATTRIBUTE.LAST_UPDATE_TS)
                .from(ATTRIBUTE)
                .where(ATTRIBUTE.DEVICE_ID.eq(DEVICE), ATTRIBUTE.SCOPE.eq(scope.name()), ATTRIBUTE.KEY.eq(key))
                .fetchOne(ATTRIBUTE.LAST_UPDATE_TS)));
    }

    @Test
    void saveClient_newAttributes_areReturnedByGetWithTheirTypes() {
        final List<KeyValue> saved = List.of(
                new KeyValue("on", new BooleanValue(true)),
                kv("count", 7),
                new KeyValue("ratio", new DoubleValue(10.0)),
                kv("name", "pump"),
                new KeyValue("cfg", new JsonValue("{\"a\":[1,2.50]}")));

        assertEquals(saved, await(store.saveClient(DEVICE, saved)));

        final Attributes all = await(store.get(DEVICE, KeySelection.ALL, KeySelection.ALL));
        assertEquals(List.of(saved.get(4), saved.get(1), saved.get(3), saved.get(0), saved.get(2)), all.client());
        assertEquals(List.of(), all.shared());
        assertEquals(
                "{\"cfg\":{\"a\":[1,2.50]},\"count\":7,\"name\":\"pump\",\"on\":true,\"ratio\":10.0}",
                KeyValue.toJsonObject(all.client()));
    }

    @Test
    void saveShared_sameValueAgain_reportsNoChangeAndWritesNothing() {
        assertEquals(List.of(kv("target", 21)), await(store.saveShared(DEVICE, List.of(kv("target", 21)))));
        clock.set(2_000);

        assertEquals(List.of(), await(store.saveShared(DEVICE, List.of(kv("target", 21)))));
        assertEquals(1_000, lastUpdateTs(AttributeScope.SHARED, "target"));
    }

    @Test
    void saveShared_withSomeChanged_reportsOnlyTheChangedKeysInOrder() {
        await(store.saveShared(DEVICE, List.of(kv("a", 1), kv("b", 2), kv("c", "x"))));
        clock.set(5_000);

        final List<KeyValue> changed = await(store.saveShared(
                DEVICE, List.of(kv("c", "y"), kv("b", 2), new KeyValue("a", new DoubleValue(1.0)), kv("d", 4))));

        // LONG 1 -> DOUBLE 1.0 is a change of type, which the device sees as 1.0.
        assertEquals(List.of(kv("c", "y"), new KeyValue("a", new DoubleValue(1.0)), kv("d", 4)), changed);
        assertEquals(5_000, lastUpdateTs(AttributeScope.SHARED, "a"));
        assertEquals(1_000, lastUpdateTs(AttributeScope.SHARED, "b"));
    }

    @Test
    void saveClient_ofSeveralDevices_storesEachUnderItsId_andReportsEachOnesChanges() {
        await(store.saveClient(DEVICE, List.of(kv("model", "T1"))));

        final Map<String, List<KeyValue>> changed = await(store.saveClient(Map.of(
                DEVICE, List.of(kv("model", "T1"), kv("fw", 2)),
                OTHER_DEVICE, List.of(kv("model", "T2")))));

        assertEquals(Map.of(DEVICE, List.of(kv("fw", 2)), OTHER_DEVICE, List.of(kv("model", "T2"))), changed);
        assertEquals(
                List.of(kv("fw", 2), kv("model", "T1")),
                await(store.get(DEVICE, KeySelection.ALL, KeySelection.NONE)).client());
        assertEquals(
                List.of(kv("model", "T2")),
                await(store.get(OTHER_DEVICE, KeySelection.ALL, KeySelection.NONE))
                        .client());
    }

    @Test
    void save_withAKeyTwice_keepsTheLastValue() {
        assertEquals(List.of(kv("k", 2)), await(store.saveClient(DEVICE, List.of(kv("k", 1), kv("k", 2)))));
        assertEquals(
                List.of(kv("k", 2)),
                await(store.get(DEVICE, KeySelection.ALL, KeySelection.NONE)).client());
    }

    @Test
    void scopes_withTheSameKey_areIndependent() {
        await(store.saveClient(DEVICE, List.of(kv("mode", "client"))));
        await(store.saveShared(DEVICE, List.of(kv("mode", "shared"))));

        final Attributes both =
                await(store.get(DEVICE, KeySelection.of(List.of("mode")), KeySelection.of(List.of("mode"))));

        assertEquals(List.of(kv("mode", "client")), both.client());
        assertEquals(List.of(kv("mode", "shared")), both.shared());
    }

    @Test
    void get_withSelections_returnsListedKeysInRequestOrderAndNothingForNone() {
        await(store.saveClient(DEVICE, List.of(kv("a", 1), kv("b", 2), kv("c", 3))));
        await(store.saveShared(DEVICE, List.of(kv("s", 9))));
        await(store.saveClient(OTHER_DEVICE, List.of(kv("a", 100))));

        final Attributes some =
                await(store.get(DEVICE, KeySelection.of(List.of("c", "missing", "a")), KeySelection.NONE));

        assertEquals(List.of(kv("c", 3), kv("a", 1)), some.client());
        assertEquals(List.of(), some.shared());
        assertEquals(
                List.of(),
                await(store.get(DEVICE, KeySelection.of(List.of("")), KeySelection.of(List.of())))
                        .client());
        assertEquals(
                List.of(kv("a", 100)),
                await(store.get(OTHER_DEVICE, KeySelection.ALL, KeySelection.ALL))
                        .client());
    }

    @Test
    void deleteShared_returnsOnlyKeysThatExisted_andLeavesClientAttributes() {
        await(store.saveShared(DEVICE, List.of(kv("a", 1), kv("b", 2), kv("c", 3))));
        await(store.saveClient(DEVICE, List.of(kv("a", 10))));

        final Set<String> deleted = await(store.deleteShared(DEVICE, new LinkedHashSet<>(List.of("c", "x", "a"))));

        assertEquals(List.of("c", "a"), List.copyOf(deleted));
        final Attributes left = await(store.get(DEVICE, KeySelection.ALL, KeySelection.ALL));
        assertEquals(List.of(kv("b", 2)), left.shared());
        assertEquals(List.of(kv("a", 10)), left.client());
        assertEquals(Set.of(), await(store.deleteShared(DEVICE, Set.of("c"))));
    }

    @Test
    void saveShared_afterDelete_reportsTheSameValueAsChanged() {
        await(store.saveShared(DEVICE, List.of(kv("a", 1))));
        await(store.deleteShared(DEVICE, Set.of("a")));

        assertEquals(List.of(kv("a", 1)), await(store.saveShared(DEVICE, List.of(kv("a", 1)))));
    }

    @Test
    void save_withMoreKeysThanOneStatementTakes_storesAndComparesAll() {
        final var entries = new ArrayList<KeyValue>();
        for (int i = 0; i < 1_234; i++) {
            entries.add(kv("key-" + i, i));
        }
        assertEquals(entries.size(), await(store.saveShared(DEVICE, entries)).size());
        entries.set(700, kv("key-700", -1));

        assertEquals(List.of(kv("key-700", -1)), await(store.saveShared(DEVICE, entries)));
        assertEquals(
                entries.size(),
                await(store.get(DEVICE, KeySelection.NONE, KeySelection.ALL))
                        .shared()
                        .size());
    }

    @Test
    void arguments_missing_areRefusedAtOnce() {
        assertThrows(NullPointerException.class, () -> store.saveClient(null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.saveShared("", List.of(kv("a", 1))));
        assertThrows(NullPointerException.class, () -> store.saveShared(DEVICE, null));
        assertThrows(NullPointerException.class, () -> store.deleteShared(DEVICE, null));
        assertThrows(NullPointerException.class, () -> store.get(DEVICE, null, KeySelection.ALL));
        assertEquals(List.of(), await(store.saveClient(DEVICE, List.of())));
    }
}
