package io.hiveiot.deviceapi.payload;

import java.util.Objects;

/**
 * A telemetry or attribute value after ThingsBoard's typing. {@link #toJson()} writes it the way ThingsBoard
 * returns it in attribute responses and pushes: numbers as numbers, JSON embedded as JSON.
 */
public sealed interface TypedValue {

    ValueType type();

    /** This value as a JSON value, ready to be placed after {@code "key":}. */
    String toJson();

    record BooleanValue(boolean value) implements TypedValue {

        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }

        @Override
        public String toJson() {
            return Boolean.toString(value);
        }
    }

    record LongValue(long value) implements TypedValue {

        @Override
        public ValueType type() {
            return ValueType.LONG;
        }

        @Override
        public String toJson() {
            return Long.toString(value);
        }
    }

    /** Always finite: JSON has no NaN or Infinity, and the typing never produces them. */
    record DoubleValue(double value) implements TypedValue {

        public DoubleValue {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a DOUBLE value must be finite, not " + value);
            }
        }

        @Override
        public ValueType type() {
            return ValueType.DOUBLE;
        }

        /** {@link Double#toString}, as Gson writes doubles: 42.0 stays {@code 42.0}, 1e-5 is {@code 1.0E-5}. */
        @Override
        public String toJson() {
            return Double.toString(value);
        }
    }

    record StringValue(String value) implements TypedValue {

        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }

        @Override
        public String toJson() {
            return CompactJson.quote(value);
        }
    }

    /**
     * An object or array value, kept as compact JSON text (no whitespace, keys quoted, numbers spelled as the
     * device sent them), as ThingsBoard stores it. The text is trusted to be valid JSON.
     */
    record JsonValue(String json) implements TypedValue {

        public JsonValue {
            Objects.requireNonNull(json, "json");
        }

        @Override
        public ValueType type() {
            return ValueType.JSON;
        }

        @Override
        public String toJson() {
            return json;
        }
    }
}
