package io.hiveiot.deviceapi.payload;

import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rendering back to JSON, as ThingsBoard writes attribute responses (Gson). */
class TypedValueTest {

    @Test
    void toJson_writesEachTypeAsThingsBoardDoes() {
        assertEquals("true", new BooleanValue(true).toJson());
        assertEquals("-7", new LongValue(-7).toJson());
        assertEquals("42.0", new DoubleValue(42.0).toJson());
        assertEquals("1.0E-5", new DoubleValue(0.00001).toJson());
        assertEquals("1.2345678901234567E19", new DoubleValue(1.2345678901234567E19).toJson());
        assertEquals("\"1.0\"", new StringValue("1.0").toJson());
        assertEquals("{\"a\":1e3}", new JsonValue("{\"a\":1e3}").toJson());
    }

    @Test
    void type_namesEachValue() {
        assertEquals(ValueType.BOOLEAN, new BooleanValue(true).type());
        assertEquals(ValueType.LONG, new LongValue(1).type());
        assertEquals(ValueType.DOUBLE, new DoubleValue(1).type());
        assertEquals(ValueType.STRING, new StringValue("").type());
        assertEquals(ValueType.JSON, new JsonValue("[]").type());
    }

    @Test
    void stringValue_toJson_escapesLikeGson() {
        assertEquals(
                "\"q\\\"b\\\\s/\\n\\t\\u0001\\u001f\\u2028 \u00e4\"",
                new StringValue("q\"b\\s/\n\t\u0001\u001f\u2028 \u00e4").toJson());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void doubleValue_nonFinite_isRefused(final double value) {
        assertThrows(IllegalArgumentException.class, () -> new DoubleValue(value));
    }

    @Test
    void keyValues_toJsonObject_writesAnAttributeResponseSection() {
        assertEquals(
                "{\"k1\":\"v\",\"k2\":true,\"t\":21.5,\"cfg\":{\"a\":1},\"say \\\"hi\\\"\":1}",
                KeyValue.toJsonObject(List.of(
                        new KeyValue("k1", new StringValue("v")),
                        new KeyValue("k2", new BooleanValue(true)),
                        new KeyValue("t", new DoubleValue(21.5)),
                        new KeyValue("cfg", new JsonValue("{\"a\":1}")),
                        new KeyValue("say \"hi\"", new LongValue(1)))));
    }

    @Test
    void keyValues_toJsonObject_withNoEntries_isAnEmptyObject() {
        assertEquals("{}", KeyValue.toJsonObject(List.of()));
    }

    @Test
    void parsedAttributes_renderBack_unchangedWhenAlreadyCompact() throws Exception {
        final String payload = "{\"a\":42.0,\"b\":\"x\",\"c\":{\"d\":1e3,\"e\":[1.50,null]},\"f\":false,\"g\":-7}";
        assertEquals(payload, KeyValue.toJsonObject(new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8(payload))));
    }

    @Test
    void parsedNumericString_rendersBackAsTheNumberThingsBoardStored() throws Exception {
        final List<KeyValue> parsed = new AttributesParser(PayloadLimits.DEFAULTS)
                .parse(utf8("{\"a\":\"73\",\"b\":\"1.50\",\"c\":1e3,\"d\":1e-20}"));
        assertEquals("{\"a\":73,\"b\":1.5,\"c\":1000,\"d\":\"0.00000000000000000001\"}", KeyValue.toJsonObject(parsed));
    }

    @Test
    void tsKvBatch_withoutEntries_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TsKvBatch(1, List.of()));
    }
}
