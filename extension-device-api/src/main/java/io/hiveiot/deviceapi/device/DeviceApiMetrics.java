package io.hiveiot.deviceapi.device;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.hiveiot.deviceapi.payload.BadPayloadException;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The extension's metrics in HiveMQ's registry, all under {@value #PREFIX}. */
public final class DeviceApiMetrics {

    public static final String PREFIX = "hive-iot.device-api.";

    final Counter telemetryMessages;
    final Counter telemetryPoints;
    final Counter attributeMessages;
    final Counter attributeRequests;
    final Counter clientRpcRequests;
    final Counter serverRpcResponses;
    final Counter unknownTopic;
    final Counter eventsDropped;
    final Counter eventsUnsubscribed;
    private final Map<BadPayloadException.Kind, Counter> badInput = new EnumMap<>(BadPayloadException.Kind.class);

    public DeviceApiMetrics(final MetricRegistry registry) {
        telemetryMessages = registry.counter(PREFIX + "telemetry.messages");
        telemetryPoints = registry.counter(PREFIX + "telemetry.points");
        attributeMessages = registry.counter(PREFIX + "attributes.messages");
        attributeRequests = registry.counter(PREFIX + "attributes.requests");
        clientRpcRequests = registry.counter(PREFIX + "rpc.device-requests");
        serverRpcResponses = registry.counter(PREFIX + "rpc.device-responses");
        unknownTopic = registry.counter(PREFIX + "bad-input.unknown-topic");
        eventsDropped = registry.counter(PREFIX + "events.dropped");
        eventsUnsubscribed = registry.counter(PREFIX + "events.unsubscribed");
        for (final BadPayloadException.Kind kind : BadPayloadException.Kind.values()) {
            badInput.put(kind, registry.counter(PREFIX + "bad-input." + metricName(kind)));
        }
    }

    /** {@code INVALID_JSON} becomes {@code invalid-json}. */
    static String metricName(final BadPayloadException.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    void badInput(final BadPayloadException.Kind kind) {
        badInput.get(kind).inc();
    }
}
