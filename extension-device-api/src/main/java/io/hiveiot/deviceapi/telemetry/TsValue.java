package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue;

import java.util.Objects;

/** A telemetry value and its timestamp (epoch millis): one key's latest value. */
public record TsValue(long ts, TypedValue value) {

    public TsValue {
        Objects.requireNonNull(value, "value");
    }
}
