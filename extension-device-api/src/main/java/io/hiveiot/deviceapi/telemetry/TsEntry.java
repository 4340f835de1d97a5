package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue;

import java.util.Objects;

/** One stored telemetry point: key, timestamp (epoch millis) and typed value. */
public record TsEntry(String key, long ts, TypedValue value) {

    public TsEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
