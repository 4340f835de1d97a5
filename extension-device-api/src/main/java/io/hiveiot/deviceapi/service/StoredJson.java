package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TypedValue;

import java.io.IOException;
import java.util.List;

/** Stored values as answers carry them: typed as stored, numbers with their spelling ({@code 42.0} stays). */
final class StoredJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StoredJson() {}

    static JsonNode value(final TypedValue value) {
        try {
            return JSON.readTree(value.toJson());
        } catch (final IOException e) {
            throw new IllegalStateException("a stored value is always JSON", e);
        }
    }

    static ObjectNode object(final List<KeyValue> entries) {
        final ObjectNode object = JSON.createObjectNode();
        entries.forEach(entry -> object.set(entry.key(), value(entry.value())));
        return object;
    }

    static ObjectNode objectNode() {
        return JSON.createObjectNode();
    }
}
