package io.hiveiot.deviceapi.payload;

import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_JSON;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;
import static io.hiveiot.deviceapi.payload.Payloads.assertBad;
import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TelemetryParserTest {

    private static final long NOW = 1_700_000_000_000L;

    private final TelemetryParser parser = new TelemetryParser(PayloadLimits.DEFAULTS);

    private List<TsKvBatch> parse(final String payload) throws BadPayloadException {
        return parser.parse(utf8(payload), NOW);
    }

    private static KeyValue kv(final String key, final long value) {
        return new KeyValue(key, new LongValue(value));
    }

    @Test
    void telemetry_withObject_storesOneBatchAtServerTime() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(
                        NOW,
                        List.of(new KeyValue("k1", new StringValue("v")), new KeyValue("k2", new BooleanValue(true))))),
                parse("{\"k1\":\"v\", \"k2\":true}"));
    }

    @Test
    void telemetry_withArrayOfObjects_storesEachAtTheSameServerTime() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(NOW, List.of(kv("k1", 1))), new TsKvBatch(NOW, List.of(kv("k2", 2)))),
                parse("[{\"k1\":1},{\"k2\":2}]"));
    }

    @Test
    void telemetry_withTsValues_storesAtTheDeviceTime() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(1451649600512L, List.of(kv("k1", 1)))),
                parse("{\"ts\":1451649600512,\"values\":{\"k1\":1}}"));
    }

    @Test
    void telemetry_withArrayOfTsValues_storesEveryPoint() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(1, List.of(kv("a", 1))), new TsKvBatch(2, List.of(kv("a", 2)))),
                parse("[{\"ts\":1,\"values\":{\"a\":1}},{\"ts\":2,\"values\":{\"a\":2}}]"));
    }

    @Test
    void telemetry_withMixedArray_storesEachObjectInItsOwnForm() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(7, List.of(kv("a", 1))), new TsKvBatch(NOW, List.of(kv("b", 2)))),
                parse("[{\"ts\":7,\"values\":{\"a\":1}},{\"b\":2}]"));
    }

    @Test
    void telemetry_withTsButNoValues_storesTsAsAnOrdinaryKey() throws Exception {
        assertEquals(List.of(new TsKvBatch(NOW, List.of(kv("ts", 7), kv("a", 1)))), parse("{\"ts\":7,\"a\":1}"));
    }

    @Test
    void telemetry_withValuesButNoTs_storesValuesAsAnOrdinaryKey() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(NOW, List.of(new KeyValue("values", new JsonValue("{\"a\":1}"))))),
                parse("{\"values\":{\"a\":1}}"));
    }

    @Test
    void telemetry_withTsValuesAndOtherMembers_ignoresTheOthers() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(7, List.of(kv("a", 1)))),
                parse("{\"b\":2,\"ts\":7,\"values\":{\"a\":1},\"c\":3}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1451649600512          | 1451649600512",
                "'\"1451649600512\"'    | 1451649600512",
                "1.4516496005129E12     | 1451649600512",
                "1.9                    | 1",
                "-1.9                   | -1",
                "-5                     | -5",
                "0                      | 0",
                "1e-30                  | 0",
                "'\"+5\"'               | 5",
                "'\"007\"'              | 7",
                "007                    | 7",
                "[42]                   | 42",
                "'[[\"42\"]]'           | 42",
                "9223372036854775807    | 9223372036854775807",
                "-9.223372036854775808E18 | -9223372036854775808"
            })
    void telemetry_withTsInGsonGetAsLongForm_usesIt(final String ts, final long expected) throws Exception {
        assertEquals(
                List.of(new TsKvBatch(expected, List.of(kv("a", 1)))),
                parse("{\"ts\":" + ts + ",\"values\":{\"a\":1}}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"soon\"",
                "\"1.5\"",
                "\" 5\"",
                "\"\"",
                "true",
                "null",
                "{}",
                "[]",
                "[1,2]",
                "9223372036854775808",
                "1e19",
                "-1e19",
                "1e400",
                "1e-10000"
            })
    void telemetry_withTsNotANumberOfMilliseconds_isBadPayload(final String ts) {
        // Deliberate: ThingsBoard closes the connection on most of these through an uncaught exception.
        assertBad(
                WRONG_SHAPE,
                "ts must be a number of milliseconds",
                () -> parse("{\"ts\":" + ts + ",\"values\":{\"a\":1}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[{\"a\":1}]", "\"x\"", "5", "true", "null"})
    void telemetry_withValuesNotAnObject_isBadPayload(final String values) {
        assertBad(WRONG_SHAPE, "values must be a JSON object", () -> parse("{\"ts\":1,\"values\":" + values + "}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "[{}]",
                "[{},{}]",
                "{\"a\":null}",
                "{\"ts\":1,\"values\":{}}",
                "{\"ts\":1,\"values\":{\"a\":null}}"
            })
    void telemetry_withNothingToStore_isAcceptedAsEmpty(final String payload) throws Exception {
        assertEquals(List.of(), parse(payload));
    }

    @Test
    void telemetry_withEmptyObjectsBetweenData_dropsOnlyTheEmptyOnes() throws Exception {
        assertEquals(
                List.of(new TsKvBatch(NOW, List.of(kv("a", 1))), new TsKvBatch(NOW, List.of(kv("b", 2)))),
                parse("[{},{\"a\":1},{\"x\":null},{\"b\":2}]"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"a\":1},2]        | 1",
                "[null]               | 0",
                "[[{\"a\":1}]]        | 0",
                "[{\"a\":1},\"x\"]    | 1",
                "[{\"a\":1},,{}]      | 1"
            })
    void telemetry_withNonObjectArrayElement_isBadPayload(final String payload, final int index) {
        assertBad(WRONG_SHAPE, "telemetry array element " + index + " is not a JSON object", () -> parse(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"x\"", "true", "null", "1e3"})
    void telemetry_withBarePrimitive_isBadPayload(final String payload) {
        assertBad(WRONG_SHAPE, "telemetry must be a JSON object or array", () -> parse(payload));
    }

    @Test
    void telemetry_withEmptyPayload_isBadPayload() {
        assertBad(INVALID_JSON, "empty payload", () -> parser.parse(new byte[0], NOW));
    }

    @Test
    void telemetry_withBadElementAfterGoodOnes_storesNothing() {
        // The whole message is refused, as in ThingsBoard: no partial writes.
        assertBad(WRONG_SHAPE, () -> parse("[{\"a\":1},{\"ts\":1,\"values\":[]}]"));
    }

    @Test
    void telemetry_serverTime_isTheOnePassedIn() throws Exception {
        assertEquals(List.of(new TsKvBatch(42, List.of(kv("a", 1)))), parser.parse(utf8("{\"a\":1}"), 42));
    }
}
