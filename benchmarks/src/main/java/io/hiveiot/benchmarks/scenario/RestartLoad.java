package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.cli.Options;
import io.hiveiot.benchmarks.load.Backoff;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the restart storm loads the broker.
 *
 * @param devices       devices with a persistent session that are connected when the broker restarts
 * @param sessionExpiry their MQTT 5 session expiry interval
 * @param backoff       how each device retries: the HiveMQ client's automatic reconnect schedule, by default from 1 s
 *                      (the HiveMQ client's and ThingsBoard's SDKs' first delay) up to a short maximum
 */
public record RestartLoad(int devices, Duration sessionExpiry, Backoff backoff) {

    public static RestartLoad read(final Options options) {
        final Duration initial = options.seconds("reconnect-delay", Duration.ofSeconds(1), Duration.ofMinutes(2));
        final Duration max = options.seconds("reconnect-max-delay", Duration.ofSeconds(2), Duration.ofMinutes(2));
        return new RestartLoad(
                options.integer("restart-devices", 10_000, 1, 100_000),
                options.seconds("session-expiry", Duration.ofHours(1), Duration.ofDays(7)),
                new Backoff(initial, max));
    }

    /** For the report, in display order. */
    public Map<String, String> display() {
        final Map<String, String> display = new LinkedHashMap<>();
        display.put("restart devices", String.format(Locale.ROOT, "%,d", devices));
        display.put("session expiry", sessionExpiry.toSeconds() + " s");
        display.put(
                "reconnect backoff",
                String.format(
                        Locale.ROOT,
                        "%.1f s doubling up to %.1f s, ±25%%",
                        backoff.initial().toMillis() / 1000.0,
                        backoff.max().toMillis() / 1000.0));
        return display;
    }
}
