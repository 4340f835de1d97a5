package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.nio.charset.StandardCharsets;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;

/**
 * {@code v1/devices/me/rpc/response/{id}} ({@code v2/r/res/{id}}): the device's answer to a server-side request. Any
 * payload is accepted, as ThingsBoard does; a Protocol Buffers one is read with the profile's RPC response schema
 * into its JSON. A QoS 1/2 answer to a persistent request is acknowledged once it is stored.
 */
final class RpcResponseHandler implements TopicHandler {

    private final PayloadLimits limits;
    private final ProtoPayloads protobuf;
    private final ServerRpc rpc;
    private final DeviceApiMetrics metrics;

    RpcResponseHandler(
            final PayloadLimits limits,
            final ProtoPayloads protobuf,
            final ServerRpc rpc,
            final DeviceApiMetrics metrics) {
        this.limits = limits;
        this.protobuf = protobuf;
        this.rpc = rpc;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final int id = publish.requestId();
        if (publish.payload().length > limits.maxValueLength()) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "an RPC response is at most " + limits.maxValueLength() + " bytes");
        }
        final byte[] payload = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF
                ? protobuf.toJson(publish.session().profile(), DeviceProfile.Schema.RPC_RESPONSE, publish.payload())
                : publish.payload();
        final String response = new String(payload, StandardCharsets.UTF_8);
        return () -> {
            metrics.serverRpcResponses.inc();
            return rpc.onResponse(publish.session().ref(), id, response);
        };
    }
}
