package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.AttributeRequestParser;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.RpcRequestParser;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.protobuf.ProtoDownlinks;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.ShortTopic;
import io.hiveiot.kit.thingsboard.TopicFamily;

import java.util.Map;
import java.util.Optional;

/**
 * Which handler serves a device's publish, matched in ThingsBoard's order: the topic filters of the device's
 * profile first (attributes, then telemetry; by default {@code v1/devices/me/attributes} and
 * {@code v1/devices/me/telemetry}), then the {@code v1/devices/me/...} request topics by prefix, then the short
 * {@code v2/...} topics, then, for a gateway, {@code v1/gateway/...}. A consumed topic that matches none is unknown.
 * {@code v1/devices/me/claim} and {@code v1/gateway/claim} are hive-iot-auth's, {@code v2/fw/...} and
 * {@code v2/sw/...} hive-iot-firmware's: never consumed here.
 */
public final class DeviceTopics {

    /** A handler and what the topic says about the publish. */
    record Match(TopicHandler handler, TopicFamily family, String idPart) {}

    private final TopicHandler telemetry;
    private final TopicHandler attributes;
    private final TopicHandler attributeRequest;
    private final TopicHandler rpcRequest;
    private final TopicHandler rpcResponse;
    private final Map<String, TopicHandler> gateway;

    DeviceTopics(
            final TopicHandler telemetry,
            final TopicHandler attributes,
            final TopicHandler attributeRequest,
            final TopicHandler rpcRequest,
            final TopicHandler rpcResponse,
            final Map<String, TopicHandler> gateway) {
        this.telemetry = telemetry;
        this.attributes = attributes;
        this.attributeRequest = attributeRequest;
        this.rpcRequest = rpcRequest;
        this.rpcResponse = rpcResponse;
        this.gateway = Map.copyOf(gateway);
    }

    /** The device API, the short topics and the gateway API, in JSON and Protocol Buffers. */
    public static DeviceTopics of(
            final PayloadLimits limits,
            final TelemetryStore telemetry,
            final AttributeStore attributes,
            final ServerRpc serverRpc,
            final ClientRpc clientRpc,
            final DeviceEvents events,
            final DeviceApiMetrics metrics,
            final ProtoPayloads protobuf,
            final ProtoDownlinks protobufAnswers,
            final DeviceRoutes routes,
            final DeviceLocations locations) {
        final var gateway = new GatewayParser(limits);
        final var links = new SubDeviceLinks(routes, serverRpc, locations);
        return new DeviceTopics(
                new TelemetryHandler(new TelemetryParser(limits), protobuf, telemetry, events, metrics),
                new AttributesHandler(new AttributesParser(limits), protobuf, attributes, events, metrics),
                new AttributeRequestHandler(
                        new AttributeRequestParser(limits), protobuf, protobufAnswers, attributes, metrics),
                new RpcRequestHandler(new RpcRequestParser(limits), protobuf, clientRpc, metrics),
                new RpcResponseHandler(limits, protobuf, serverRpc, metrics),
                Map.of(
                        GatewayTopic.CONNECT,
                        new GatewayConnectHandler(true, gateway, protobuf, links),
                        GatewayTopic.DISCONNECT,
                        new GatewayConnectHandler(false, gateway, protobuf, links),
                        GatewayTopic.TELEMETRY,
                        new GatewayTelemetryHandler(gateway, protobuf, telemetry, links, events, metrics),
                        GatewayTopic.ATTRIBUTES,
                        new GatewayAttributesHandler(gateway, protobuf, attributes, links, events, metrics),
                        GatewayTopic.ATTRIBUTES_REQUEST,
                        new GatewayAttributeRequestHandler(
                                gateway, protobuf, protobufAnswers, attributes, links, metrics),
                        GatewayTopic.RPC,
                        new GatewayRpcHandler(gateway, protobuf, serverRpc, links, metrics)));
    }

    /** Whether this extension answers publishes of the device on {@code topic} (known or not). */
    static boolean consumes(final String topic, final DeviceSession session) {
        if (topic.startsWith(DeviceTopic.NAMESPACE)) {
            return !topic.equals(DeviceTopic.CLAIM);
        }
        if (topic.startsWith(ShortTopic.NAMESPACE)) {
            return !DeviceTopic.isOta(topic);
        }
        if (GatewayTopic.isGateway(topic)) {
            return !topic.equals(GatewayTopic.CLAIM);
        }
        return session.matchesProfileTopic(topic);
    }

    /** The handler of a topic {@link #consumes} accepts; empty for an unknown topic. */
    Optional<Match> find(final String topic, final DeviceSession session) {
        if (session.isAttributesTopic(topic)) {
            return match(attributes, TopicFamily.V1, "");
        }
        if (session.isTelemetryTopic(topic)) {
            return match(telemetry, TopicFamily.V1, "");
        }
        if (topic.startsWith(DeviceTopic.ATTRIBUTE_REQUEST_PREFIX)) {
            return match(
                    attributeRequest, TopicFamily.V1, topic.substring(DeviceTopic.ATTRIBUTE_REQUEST_PREFIX.length()));
        }
        if (topic.startsWith(DeviceTopic.RPC_RESPONSE_PREFIX)) {
            return match(rpcResponse, TopicFamily.V1, topic.substring(DeviceTopic.RPC_RESPONSE_PREFIX.length()));
        }
        if (topic.startsWith(DeviceTopic.RPC_REQUEST_PREFIX)) {
            return match(rpcRequest, TopicFamily.V1, topic.substring(DeviceTopic.RPC_REQUEST_PREFIX.length()));
        }
        final Optional<ShortTopic.Parsed> short_ = ShortTopic.parse(topic);
        if (short_.isPresent()) {
            final TopicFamily family = TopicFamily.of(short_.get().format());
            final TopicHandler handler = switch (short_.get().kind()) {
                case TELEMETRY -> telemetry;
                case ATTRIBUTES -> attributes;
                case ATTRIBUTE_REQUEST -> attributeRequest;
                case RPC_REQUEST -> rpcRequest;
                case RPC_RESPONSE -> rpcResponse;
                case ATTRIBUTE_RESPONSE -> null;
            };
            return handler == null
                    ? Optional.empty()
                    : match(handler, family, short_.get().rest());
        }
        return Optional.ofNullable(gateway.get(topic)).map(handler -> new Match(handler, TopicFamily.V1, ""));
    }

    private static Optional<Match> match(final TopicHandler handler, final TopicFamily family, final String idPart) {
        return Optional.of(new Match(handler, family, idPart));
    }
}
