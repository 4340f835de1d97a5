package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.util.List;

/**
 * {@code v1/gateway/rpc} from a gateway: {@code {"device":"A","id":0,"data":{..}}} (ThingsBoard's
 * {@code GatewayRpcResponseMsg} for a PROTOBUF gateway), a sub-device's answer to a server-side request, which
 * completes the application's call as the device's own answer would. ThingsBoard has no client-side RPC for
 * sub-devices.
 */
final class GatewayRpcHandler implements TopicHandler {

    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final ServerRpc rpc;
    private final SubDeviceLinks links;
    private final DeviceApiMetrics metrics;

    GatewayRpcHandler(
            final GatewayParser parser,
            final ProtoPayloads protobuf,
            final ServerRpc rpc,
            final SubDeviceLinks links,
            final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.protobuf = protobuf;
        this.rpc = rpc;
        this.links = links;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final GatewayParser.RpcResponse response;
        if (publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF) {
            final var message = protobuf.gatewayRpcResponse(publish.payload());
            response = new GatewayParser.RpcResponse(message.device(), message.id(), message.data());
        } else {
            response = parser.rpcResponse(publish.payload());
        }
        final ClientIdentity device = links.resolve(publish, response.device());
        return () -> {
            metrics.serverRpcResponses.inc();
            links.connected(publish, List.of(device));
            return rpc.onResponse(SubDeviceLinks.ref(device), response.id(), response.data());
        };
    }
}
