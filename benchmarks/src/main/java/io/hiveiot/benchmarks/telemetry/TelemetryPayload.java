package io.hiveiot.benchmarks.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The telemetry one device publishes: ThingsBoard's {@code {"ts":..,"values":{..}}} shape with three
 * values. The ts is the client's own, {@code base + seq} for the device's {@code seq}-th message, so it
 * is unique per device: hive-iot stores a point per (device, key, ms ts) and a second point at the same
 * millisecond replaces the first (ThingsBoard semantics), which with server-side timestamps would make
 * "every acknowledged message is stored" uncheckable for a device sending faster than 1 message per ms.
 */
public final class TelemetryPayload {

    public static final String TOPIC = "v1/devices/me/telemetry";
    public static final List<String> KEYS = List.of("temperature", "humidity", "pressure");

    private TelemetryPayload() {}

    /** The client-side ts of a device's {@code seq}-th message (0-based). */
    public static long ts(final long base, final long seq) {
        return base + seq;
    }

    /**
     * {@code {"ts":<ts>,"values":{"temperature":21.3,"humidity":47.5,"pressure":1013.2}}}: values vary with
     * {@code seq} and always have one decimal, so hive-iot types all three as DOUBLE. Built by hand: this
     * runs for every message the load generator sends.
     */
    public static byte[] of(final long ts, final long seq) {
        final int step = (int) (seq % 100);
        final var json = new StringBuilder(96).append("{\"ts\":").append(ts).append(",\"values\":{\"temperature\":");
        decimal(json, 200 + step);
        json.append(",\"humidity\":");
        decimal(json, 400 + step);
        json.append(",\"pressure\":");
        decimal(json, 10_100 + step);
        return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code tenths / 10} with exactly one decimal. */
    private static void decimal(final StringBuilder json, final int tenths) {
        json.append(tenths / 10).append('.').append(tenths % 10);
    }
}
