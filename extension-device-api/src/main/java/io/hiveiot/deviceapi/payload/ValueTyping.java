package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;

/**
 * ThingsBoard's typing of one JSON value ({@code JsonConverter.parseValues}, type cast on): booleans are BOOLEAN,
 * numbers go through {@link NumberTyping}, strings that {@link ParsableNumber#isParsable} accepts are typed as
 * numbers and all other strings are STRING, objects and arrays are JSON text.
 */
final class ValueTyping {

    private final int maxValueLength;
    private final NumberTyping numbers;

    ValueTyping(final PayloadLimits limits) {
        this.maxValueLength = limits.maxValueLength();
        this.numbers = new NumberTyping(limits);
    }

    /** The typed value of a non-null JSON value. Callers skip JSON nulls, as ThingsBoard does. */
    TypedValue type(final JsonNode node) throws BadPayloadException {
        if (node.isBoolean()) {
            return new BooleanValue(node.booleanValue());
        }
        if (node instanceof RawNumberNode number) {
            return numbers.ofNumber(number.text());
        }
        if (node.isTextual()) {
            final String text = node.textValue();
            // Checked before any casting, like ThingsBoard's max_string_value_length.
            if (text.length() > maxValueLength) {
                throw new BadPayloadException(
                        LIMIT_EXCEEDED, "string value longer than " + maxValueLength + " characters");
            }
            return ParsableNumber.isParsable(text) ? numbers.ofNumericString(text) : new StringValue(text);
        }
        if (node.isContainerNode()) {
            final String json = CompactJson.of(node);
            if (json.length() > maxValueLength) {
                throw new BadPayloadException(
                        LIMIT_EXCEEDED, "JSON value longer than " + maxValueLength + " characters");
            }
            return new JsonValue(json);
        }
        throw new IllegalArgumentException("no typing for a " + node.getNodeType() + " node");
    }
}
