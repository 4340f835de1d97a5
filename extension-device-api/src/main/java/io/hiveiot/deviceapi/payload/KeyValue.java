package io.hiveiot.deviceapi.payload;

import java.util.Collection;
import java.util.Objects;
import java.util.StringJoiner;

/** One telemetry or attribute entry. */
public record KeyValue(String key, TypedValue value) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** {@code "key":value}, one member of a JSON object. */
    public String toJsonMember() {
        return CompactJson.quote(key) + ':' + value.toJson();
    }

    /**
     * The entries as one compact JSON object in their order, as in ThingsBoard's attribute responses
     * ({@code {"k1":"v","k2":true}}). The caller makes sure the keys are unique.
     */
    public static String toJsonObject(final Collection<KeyValue> entries) {
        final StringJoiner object = new StringJoiner(",", "{", "}");
        for (final KeyValue entry : entries) {
            object.add(entry.toJsonMember());
        }
        return object.toString();
    }
}
