package io.hiveiot.deviceapi.payload;

import java.util.List;

/**
 * The telemetry entries of one JSON object of a message, all at one timestamp: the server time, or the
 * object's own {@code ts}. Never empty: objects that store nothing produce no batch.
 */
public record TsKvBatch(long ts, List<KeyValue> entries) {

    public TsKvBatch {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
    }
}
