package io.hiveiot.deviceapi.payload;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import org.apache.commons.lang3.math.NumberUtils;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference the payload parsers are checked against: ThingsBoard's path from payload to client attributes,
 * written from its rules rather than from our parser. {@code JsonParser.parseString} (Gson, lenient) builds the tree;
 * {@code JsonConverter} (type cast on) types each value: booleans; numbers by value and spelling (integral and not a
 * plain decimal: LONG, or STRING of plain digits beyond long; else DOUBLE up to scale 16, else STRING); strings that
 * commons-lang3's {@code NumberUtils.isParsable} accepts typed like numbers (STRING if that fails); nested values as
 * Gson writes them; nulls skipped.
 */
final class ThingsBoardConverter {

    private ThingsBoardConverter() {}

    /** @throws RuntimeException where ThingsBoard refuses the payload */
    static List<KeyValue> attributes(final String payload) {
        final JsonElement root = JsonParser.parseString(payload);
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        final List<KeyValue> values = new ArrayList<>();
        for (final Map.Entry<String, JsonElement> entry : ((JsonObject) root).entrySet()) {
            if (!entry.getValue().isJsonNull()) {
                values.add(new KeyValue(entry.getKey(), typed(entry.getValue())));
            }
        }
        return values;
    }

    private static TypedValue typed(final JsonElement value) {
        if (!value.isJsonPrimitive()) {
            return new JsonValue(value.toString());
        }
        final JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return new BooleanValue(primitive.getAsBoolean());
        }
        if (primitive.isNumber()) {
            return numeric(primitive.getAsString());
        }
        final String text = primitive.getAsString();
        if (!NumberUtils.isParsable(text)) {
            return new StringValue(text);
        }
        try {
            return numeric(text);
        } catch (final RuntimeException e) {
            return new StringValue(text);
        }
    }

    private static TypedValue numeric(final String text) {
        final BigDecimal number = new BigDecimal(text);
        final boolean plainDecimal = text.contains(".") && !text.contains("e") && !text.contains("E");
        if (number.stripTrailingZeros().scale() <= 0 && !plainDecimal) {
            try {
                return new LongValue(number.longValueExact());
            } catch (final ArithmeticException e) {
                return new StringValue(number.toPlainString());
            }
        }
        return number.scale() <= 16 ? new DoubleValue(number.doubleValue()) : new StringValue(number.toPlainString());
    }
}
