package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TelemetryStoreTest {

    private static final String DEVICE = "0b6f3c1e-device";
    private static final String OTHER_DEVICE = "9a1d77f0-device";

    @TempDir
    Path folder;

    private Database database;
    private TelemetryStore store;

    @BeforeEach
    void open() {
        database = TestDatabase.open(folder);
        store = new TelemetryStore(database);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    static TsKvBatch batch(final long ts, final Object... keysAndValues) {
        final var entries = new ArrayList<KeyValue>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.add(new KeyValue((String) keysAndValues[i], (TypedValue) keysAndValues[i + 1]));
        }
        return new TsKvBatch(ts, entries);
    }

    private static LongValue number(final long value) {
        return new LongValue(value);
    }

    private List<TsEntry> all(final String device, final Set<String> keys) {
        return await(store.history(
                        device, keys, Long.MIN_VALUE, Long.MAX_VALUE, TelemetryStore.MAX_LIMIT, Optional.empty()))
                .entries();
    }

    @Test
    void telemetry_withArrayOfTsValues_storesEveryPoint() {
        final int stored = await(store.append(
                DEVICE,
                List.of(
                        batch(1, "a", number(1)),
                        batch(2, "a", number(2)),
                        batch(3, "a", number(3), "b", number(30)))));

        assertEquals(4, stored);
        assertEquals(4L, await(store.countHistory(DEVICE)));
        assertEquals(
                List.of(
                        new TsEntry("a", 3, number(3)),
                        new TsEntry("b", 3, number(30)),
                        new TsEntry("a", 2, number(2)),
                        new TsEntry("a", 1, number(1))),
                all(DEVICE, Set.of("a", "b")));
    }

    @Test
    void telemetry_ofEveryType_comesBackWithTypeAndSpelling() {
        final List<TypedValue> values = List.of(
                new BooleanValue(true),
                new BooleanValue(false),
                number(Long.MAX_VALUE),
                number(Long.MIN_VALUE),
                new DoubleValue(10.0),
                new DoubleValue(1.0E-5),
                new DoubleValue(Double.MAX_VALUE),
                new DoubleValue(4.9E-324),
                new StringValue("73 \"quoted\" ünï"),
                new StringValue(""),
                new JsonValue("{\"a\":1e3,\"b\":[1.50,null,\"x\"],\"c\":{}}"),
                new JsonValue("[]"));
        final var entries = new ArrayList<Object>();
        for (int i = 0; i < values.size(); i++) {
            entries.add("k" + i);
            entries.add(values.get(i));
        }
        await(store.append(DEVICE, List.of(batch(100, entries.toArray()))));

        final Map<String, TsValue> latest = await(store.latest(DEVICE, Optional.empty()));
        final var history = new HashMap<String, TsEntry>();
        all(DEVICE, latest.keySet()).forEach(entry -> history.put(entry.key(), entry));
        assertEquals(values.size(), history.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(new TsValue(100, values.get(i)), latest.get("k" + i));
            assertEquals(new TsEntry("k" + i, 100, values.get(i)), history.get("k" + i));
        }
        assertEquals("10.0", latest.get("k4").value().toJson());
        assertEquals(
                "{\"a\":1e3,\"b\":[1.50,null,\"x\"],\"c\":{}}",
                latest.get("k10").value().toJson());
    }

    @Test
    void telemetry_doubleNegativeZero_comesBackAsZero() {
        // SQLite's REAL columns cannot keep -0.0; ThingsBoard's typing never produces it (see ValueColumns).
        await(store.append(DEVICE, List.of(batch(1, "t", new DoubleValue(-0.0)))));

        assertEquals(
                new TsValue(1, new DoubleValue(0.0)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
    }

    @Test
    void telemetry_atTheSameTs_replacesTheValueEvenOfAnotherType() {
        await(store.append(DEVICE, List.of(batch(5, "t", number(21)))));
        await(store.append(DEVICE, List.of(batch(5, "t", new StringValue("warm")))));

        assertEquals(1L, await(store.countHistory(DEVICE)));
        assertEquals(List.of(new TsEntry("t", 5, new StringValue("warm"))), all(DEVICE, Set.of("t")));
        assertEquals(
                new TsValue(5, new StringValue("warm")),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
    }

    @Test
    void telemetry_atTheSameTsTwiceInOneMessage_keepsTheLaterValue() {
        final int stored = await(store.append(DEVICE, List.of(batch(5, "t", number(1)), batch(5, "t", number(2)))));

        assertEquals(2, stored);
        assertEquals(List.of(new TsEntry("t", 5, number(2))), all(DEVICE, Set.of("t")));
        assertEquals(
                new TsValue(5, number(2)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
    }

    @Test
    void latest_afterAnOlderPoint_staysAtTheNewest() {
        await(store.append(DEVICE, List.of(batch(200, "t", number(2)))));
        await(store.append(DEVICE, List.of(batch(100, "t", number(1)))));

        assertEquals(
                new TsValue(200, number(2)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
        assertEquals(2L, await(store.countHistory(DEVICE)));
    }

    @Test
    void latest_afterANewerOrEqualPoint_movesForward() {
        await(store.append(DEVICE, List.of(batch(100, "t", number(1)))));
        await(store.append(DEVICE, List.of(batch(300, "t", number(3)), batch(200, "t", number(2)))));
        assertEquals(
                new TsValue(300, number(3)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));

        await(store.append(DEVICE, List.of(batch(300, "t", new BooleanValue(true)))));
        assertEquals(
                new TsValue(300, new BooleanValue(true)),
                await(store.latest(DEVICE, Optional.empty())).get("t"));
    }

    @Test
    void append_ofSeveralDevices_inOneWrite_storesEachUnderItsId() {
        await(store.append(DEVICE, List.of(batch(1, "t", number(1)))));
        final Map<String, List<TsKvBatch>> message = new LinkedHashMap<>();
        message.put(DEVICE, List.of(batch(2, "t", number(2), "new", number(5))));
        message.put(OTHER_DEVICE, List.of(batch(3, "t", number(3)), batch(4, "t", number(4))));
        message.put("a-third-device", List.of());

        assertEquals(Map.of(DEVICE, 2, OTHER_DEVICE, 2, "a-third-device", 0), await(store.append(message)));

        assertEquals(
                Map.of("t", new TsValue(2, number(2)), "new", new TsValue(2, number(5))),
                await(store.latest(DEVICE, Optional.empty())));
        assertEquals(Map.of("t", new TsValue(4, number(4))), await(store.latest(OTHER_DEVICE, Optional.empty())));
        assertEquals(
                2,
                await(store.history(DEVICE, Set.of("t"), 0, 10, 10, Optional.empty()))
                        .entries()
                        .size());
    }

    @Test
    void latest_withKeys_returnsOnlyThoseThatHaveData_orderedByKey() {
        await(store.append(DEVICE, List.of(batch(1, "c", number(3), "a", number(1), "b", number(2)))));
        await(store.append(OTHER_DEVICE, List.of(batch(1, "a", number(99)))));

        final Map<String, TsValue> some = await(store.latest(DEVICE, Optional.of(Set.of("c", "a", "unknown"))));
        assertEquals(List.of("a", "c"), List.copyOf(some.keySet()));
        assertEquals(new TsValue(1, number(1)), some.get("a"));

        assertEquals(
                List.of("a", "b", "c"),
                List.copyOf(await(store.latest(DEVICE, Optional.empty())).keySet()));
        assertEquals(Map.of(), await(store.latest(DEVICE, Optional.of(Set.of()))));
        assertEquals(Map.of("a", new TsValue(1, number(99))), await(store.latest(OTHER_DEVICE, Optional.empty())));
    }

    @Test
    void history_range_includesFromAndExcludesTo() {
        await(store.append(
                DEVICE,
                List.of(
                        batch(9, "t", number(9)),
                        batch(10, "t", number(10)),
                        batch(19, "t", number(19)),
                        batch(20, "t", number(20)))));

        final HistoryPage page = await(store.history(DEVICE, Set.of("t"), 10, 20, 100, Optional.empty()));

        assertEquals(List.of(new TsEntry("t", 19, number(19)), new TsEntry("t", 10, number(10))), page.entries());
        assertEquals(Optional.empty(), page.next());
        assertEquals(
                List.of(),
                await(store.history(DEVICE, Set.of("t"), 20, 20, 100, Optional.empty()))
                        .entries());
    }

    @Test
    void history_withCursor_pagesThroughEveryPointOnceNewestFirst() {
        final var batches = new ArrayList<TsKvBatch>();
        for (long ts = 1; ts <= 50; ts++) {
            // Several keys share most timestamps, so page boundaries fall between entries of equal ts.
            batches.add(
                    ts % 5 == 0
                            ? batch(ts, "a", number(ts))
                            : batch(ts, "a", number(ts), "b", number(-ts), "c", number(ts * 10)));
        }
        await(store.append(DEVICE, batches));
        await(store.append(DEVICE, List.of(batch(25, "not-asked", number(0)))));
        final List<TsEntry> expected = all(DEVICE, Set.of("a", "b", "c"));
        assertEquals(50 + 40 + 40, expected.size());

        final var paged = new ArrayList<TsEntry>();
        Optional<HistoryCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            final HistoryPage page = await(store.history(
                    DEVICE,
                    Set.of("a", "b", "c"),
                    0,
                    1000,
                    7,
                    cursor.map(HistoryCursor::encode).map(HistoryCursor::decode)));
            paged.addAll(page.entries());
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());

        assertEquals(expected, paged);
        assertEquals((expected.size() + 6) / 7, pages);
        for (int i = 1; i < paged.size(); i++) {
            final TsEntry before = paged.get(i - 1);
            final TsEntry after = paged.get(i);
            final boolean inOrder = before.ts() > after.ts()
                    || before.ts() == after.ts() && before.key().compareTo(after.key()) < 0;
            assertEquals(true, inOrder, before + " then " + after);
        }
    }

    @Test
    void history_ofAnotherDevice_isNotMixedIn() {
        await(store.append(DEVICE, List.of(batch(1, "t", number(1)))));
        await(store.append(OTHER_DEVICE, List.of(batch(2, "t", number(2)))));

        assertEquals(List.of(new TsEntry("t", 1, number(1))), all(DEVICE, Set.of("t")));
        assertEquals(1L, await(store.countHistory(OTHER_DEVICE)));
        assertEquals(2L, await(store.countHistory()));
    }

    @Test
    void append_withManyPointsOfSeveralKeys_storesAllAndTheNewestOfEach() {
        final var batches = new ArrayList<TsKvBatch>();
        for (int ts = 0; ts < 1_017; ts++) {
            batches.add(ts % 2 == 0 ? batch(ts, "even", number(ts)) : batch(ts, "odd", number(ts), "all", number(ts)));
        }

        assertEquals(1_017 + 508, await(store.append(DEVICE, batches)));
        assertEquals(1_017L + 508, await(store.countHistory(DEVICE)));
        assertEquals(
                Map.of(
                        "even",
                        new TsValue(1_016, number(1_016)),
                        "odd",
                        new TsValue(1_015, number(1_015)),
                        "all",
                        new TsValue(1_015, number(1_015))),
                await(store.latest(DEVICE, Optional.empty())));
    }

    @Test
    void append_withNothing_storesNothing() {
        assertEquals(0, await(store.append(DEVICE, List.of())));
        assertEquals(0L, await(store.countHistory()));
    }

    @Test
    void arguments_outOfRange_areRefusedAtOnce() {
        assertThrows(NullPointerException.class, () -> store.append(null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.append("", List.of()));
        assertThrows(NullPointerException.class, () -> store.append(DEVICE, null));
        assertThrows(NullPointerException.class, () -> store.latest(DEVICE, null));
        assertThrows(
                IllegalArgumentException.class, () -> store.history(DEVICE, Set.of("t"), 0, 1, 0, Optional.empty()));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.history(DEVICE, Set.of("t"), 0, 1, TelemetryStore.MAX_LIMIT + 1, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> store.history(DEVICE, Set.of(), 0, 1, 1, Optional.empty()));
        assertThrows(NullPointerException.class, () -> store.history(DEVICE, Set.of("t"), 0, 1, 1, null));
        assertEquals(
                List.of(),
                await(store.history(DEVICE, Set.of("t"), 0, 1, TelemetryStore.MAX_LIMIT, Optional.empty()))
                        .entries());
    }

    @Test
    void historyCursor_encoded_decodesToItselfAndRefusesGarbage() {
        final var cursor = new HistoryCursor(-1_700_000_000_000L, "temp:in/ü");
        assertEquals(cursor, HistoryCursor.decode(cursor.encode()));
        assertThrows(IllegalArgumentException.class, () -> HistoryCursor.decode("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> HistoryCursor.decode("bm8gY29sb24"));
        assertThrows(IllegalArgumentException.class, () -> HistoryCursor.decode("eDp5"));
    }
}
