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

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_JSON;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;
import static io.hiveiot.deviceapi.payload.Payloads.assertBad;
import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AttributesParserTest {

    private final AttributesParser parser = new AttributesParser(PayloadLimits.DEFAULTS);

    private List<KeyValue> parse(final String payload) throws BadPayloadException {
        return parser.parse(utf8(payload));
    }

    @Test
    void attributes_withObject_storeEveryKeyInOrder() throws Exception {
        assertEquals(
                List.of(
                        new KeyValue("fw", new StringValue("v1.0")),
                        new KeyValue("on", new BooleanValue(false)),
                        new KeyValue("n", new LongValue(3)),
                        new KeyValue("t", new DoubleValue(21.5)),
                        new KeyValue("cfg", new JsonValue("{\"a\":[1]}"))),
                parse("{\"fw\":\"v1.0\",\"on\":false,\"n\":3,\"t\":21.5,\"cfg\":{\"a\":[1]}}"));
    }

    @Test
    void attributes_withTsAndValues_storeThemAsAttributes() throws Exception {
        // Attributes have no ts form.
        assertEquals(
                List.of(new KeyValue("ts", new LongValue(1)), new KeyValue("values", new JsonValue("{\"a\":1}"))),
                parse("{\"ts\":1,\"values\":{\"a\":1}}"));
    }

    @Test
    void attributes_withEmptyObject_storeNothing() throws Exception {
        assertEquals(List.of(), parse("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"a\":1}]", "[]", "1", "\"x\"", "true", "null"})
    void attributes_withAnythingButAnObject_areBadPayload(final String payload) {
        assertBad(WRONG_SHAPE, "attributes must be a JSON object", () -> parse(payload));
    }

    @Test
    void attributes_withEmptyPayload_areBadPayload() {
        assertBad(INVALID_JSON, "empty payload", () -> parser.parse(new byte[0]));
    }
}
