package io.hiveiot.firmware.chunk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a connection's earlier chunk requests fixed per request id, as ThingsBoard keeps it: the package (so a
 * download continues with the package it started with, and a new update needs a new request id) and the chunk size
 * (so a later empty payload reuses it). Bounded, oldest request id forgotten first, so a hostile device cannot grow
 * it; one per connection, so it goes with the connection.
 */
final class RequestMemory {

    static final int MAX_REQUEST_IDS = 16;

    record Remembered(String packageId, int chunkSize) {}

    private final Map<String, Remembered> byRequestId = new LinkedHashMap<>(MAX_REQUEST_IDS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Remembered> eldest) {
            return size() > MAX_REQUEST_IDS;
        }
    };

    synchronized Optional<Remembered> get(final ChunkRequest request) {
        return Optional.ofNullable(byRequestId.get(request.memoryKey()));
    }

    synchronized void put(final ChunkRequest request, final Remembered remembered) {
        byRequestId.put(request.memoryKey(), remembered);
    }
}
