package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.AttributeRequestParser;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.kit.thingsboard.RequestTopic;
import io.hiveiot.deviceapi.payload.RpcRequestParser;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.thingsboard.DeviceTopic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table of device-API handlers, keyed by exact topic or by the prefix of a topic that ends in a request id.
 * A {@code v1/devices/me/...} topic that matches neither is unknown; {@code v1/devices/me/claim} is
 * hive-iot-auth's and never consumed here.
 */
public final class DeviceTopics {

    private final Map<String, TopicHandler> exact;
    private final List<Map.Entry<String, TopicHandler>> prefixes;

    DeviceTopics(final Map<String, TopicHandler> exact, final Map<String, TopicHandler> prefixes) {
        this.exact = Map.copyOf(exact);
        this.prefixes = List.copyOf(prefixes.entrySet());
    }

    /** The device API: telemetry, client attributes, attribute requests and RPC both ways. */
    public static DeviceTopics of(final PayloadLimits limits, final TelemetryStore telemetry,
                                  final AttributeStore attributes, final ServerRpc serverRpc,
                                  final ClientRpc clientRpc, final DeviceEvents events,
                                  final DeviceApiMetrics metrics) {
        return new DeviceTopics(
                Map.of(DeviceTopic.TELEMETRY,
                        new TelemetryHandler(new TelemetryParser(limits), telemetry, events, metrics),
                        DeviceTopic.ATTRIBUTES,
                        new AttributesHandler(new AttributesParser(limits), attributes, events, metrics)),
                Map.of(RequestTopic.ATTRIBUTE_REQUEST.prefix(),
                        new AttributeRequestHandler(new AttributeRequestParser(limits), attributes, metrics),
                        RequestTopic.RPC_REQUEST.prefix(),
                        new RpcRequestHandler(new RpcRequestParser(limits), clientRpc, metrics),
                        RequestTopic.RPC_RESPONSE.prefix(),
                        new RpcResponseHandler(limits, serverRpc, metrics)));
    }

    /** Whether this extension answers publishes on {@code topic} (known or not). */
    static boolean consumes(final String topic) {
        return topic.startsWith(DeviceTopic.NAMESPACE) && !topic.equals(DeviceTopic.CLAIM);
    }

    /** The handler of a topic {@link #consumes} accepts; empty for an unknown topic. */
    Optional<TopicHandler> find(final String topic) {
        final TopicHandler handler = exact.get(topic);
        if (handler != null) {
            return Optional.of(handler);
        }
        for (final Map.Entry<String, TopicHandler> prefix : prefixes) {
            if (topic.startsWith(prefix.getKey())) {
                return Optional.of(prefix.getValue());
            }
        }
        return Optional.empty();
    }
}
