package io.hiveiot.benchmarks.gateway;

import io.hiveiot.benchmarks.telemetry.TelemetryPayload;

import java.nio.charset.StandardCharsets;

/**
 * The telemetry a gateway publishes for its sub-devices, ThingsBoard's
 * {@code {"<device>":[{"ts":..,"values":{"temperature":..,"humidity":..,"pressure":..}}],..}}: the same three values
 * per sub-device as {@link TelemetryPayload}, with a client-side ts unique per sub-device ({@code base + n} for its
 * n-th point), so every stored point can be counted.
 */
public final class GatewayPayload {

    public static final String TOPIC = "v1/gateway/telemetry";

    private GatewayPayload() {}

    /** The name of sub-device {@code index} of the gateway named {@code gateway}. */
    public static String subDevice(final String gateway, final int index) {
        return gateway + "-sub-" + index;
    }

    /**
     * Message {@code message} of the gateway: sub-devices {@code message * batch} to
     * {@code message * batch + batch - 1} (modulo {@code devices}), each with its next point.
     */
    public static byte[] of(
            final String gateway, final int devices, final int batch, final long message, final long baseTs) {
        final StringBuilder json = new StringBuilder(batch * 110).append('{');
        for (int i = 0; i < batch; i++) {
            final long slot = message * batch + i;
            final int device = (int) (slot % devices);
            final long seq = slot / devices;
            if (i > 0) {
                json.append(',');
            }
            json.append('"')
                    .append(subDevice(gateway, device))
                    .append("\":[")
                    .append(new String(
                            TelemetryPayload.of(TelemetryPayload.ts(baseTs, seq), seq), StandardCharsets.US_ASCII))
                    .append(']');
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The largest ts after {@code messages} messages: every sub-device's points lie in {@code [base, here]}. */
    public static long lastTs(final int devices, final int batch, final long messages, final long baseTs) {
        final long slots = messages * batch;
        return TelemetryPayload.ts(baseTs, Math.max(0, (slots - 1) / devices));
    }
}
