package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.cli.Options;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the gateway scenario loads the broker: one gateway connection speaks for {@code devices} sub-devices,
 * {@code batch} of them per telemetry message, with {@code inflight} messages unacknowledged at most.
 */
public record GatewayLoad(int devices, int batch, int inflight) {

    public GatewayLoad {
        if (devices < 1 || batch < 1 || inflight < 1 || batch > devices) {
            throw new IllegalArgumentException("--gw-devices, --gw-batch and --gw-inflight are at least 1, and "
                    + "--gw-batch at most --gw-devices");
        }
    }

    public static GatewayLoad read(final Options options) {
        return new GatewayLoad(
                options.integer("gw-devices", 1_000, 1, 100_000),
                options.integer("gw-batch", 10, 1, 1_000),
                options.integer("gw-inflight", 16, 1, 65_535));
    }

    /** For the report, in display order. */
    public Map<String, String> display() {
        final Map<String, String> display = new LinkedHashMap<>();
        display.put("gateway sub-devices", Integer.toString(devices));
        display.put("sub-devices per gateway message", Integer.toString(batch));
        display.put("gateway messages in flight", Integer.toString(inflight));
        return display;
    }
}
