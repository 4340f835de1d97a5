package io.hiveiot.deviceapi.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series dictionary in memory: (device id, key) → series id, for every committed series. Appends look ids up on
 * the broker's threads; new series are added on the writer thread once their rows are committed. A device's keys
 * are an immutable map replaced as a whole, so a lookup never locks.
 */
final class SeriesIds {

    private final ConcurrentHashMap<String, Map<String, Integer>> byDevice = new ConcurrentHashMap<>();

    /** The id, or null when the series has no committed row yet. */
    Integer find(final String deviceId, final String key) {
        final Map<String, Integer> keys = byDevice.get(deviceId);
        return keys == null ? null : keys.get(key);
    }

    /** The device's series (key → id) this node knows. */
    Map<String, Integer> ofDevice(final String deviceId) {
        return byDevice.getOrDefault(deviceId, Map.of());
    }

    /** Every series id this node knows. */
    List<Integer> all() {
        final var all = new ArrayList<Integer>();
        byDevice.values().forEach(keys -> all.addAll(keys.values()));
        return all;
    }

    /** Called when series rows are committed (or read at start). */
    void add(final String deviceId, final Map<String, Integer> keys) {
        byDevice.compute(deviceId, (device, known) -> {
            final var merged = known == null ? new HashMap<String, Integer>() : new HashMap<>(known);
            merged.putAll(keys);
            return Map.copyOf(merged);
        });
    }
}
