package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;

import java.io.IOException;

/**
 * A JSON number kept exactly as the device spelled it. ThingsBoard's typing looks at the spelling, not only the
 * value ({@code 2.0e0} is LONG but {@code 2.0} is DOUBLE), and Gson writes nested numbers back unchanged
 * ({@code 1e3} stays {@code 1e3}); Jackson's own number nodes keep neither.
 */
final class RawNumberNode extends ValueNode {

    private final String text;

    RawNumberNode(final String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    @Override
    public JsonToken asToken() {
        return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0
                ? JsonToken.VALUE_NUMBER_INT
                : JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonNodeType getNodeType() {
        return JsonNodeType.NUMBER;
    }

    @Override
    public String asText() {
        return text;
    }

    @Override
    public void serialize(final JsonGenerator generator, final SerializerProvider provider) throws IOException {
        generator.writeNumber(text);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RawNumberNode number && number.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
