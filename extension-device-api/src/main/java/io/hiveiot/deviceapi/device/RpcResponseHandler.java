package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.RequestIds;
import io.hiveiot.kit.thingsboard.RequestTopic;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.rpc.ServerRpc;

import java.nio.charset.StandardCharsets;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;

/**
 * {@code v1/devices/me/rpc/response/{id}}: the device's answer to a server-side request. Any payload is accepted,
 * as ThingsBoard does; a QoS 1/2 answer to a persistent request is acknowledged once it is stored.
 */
final class RpcResponseHandler implements TopicHandler {

    private final PayloadLimits limits;
    private final ServerRpc rpc;
    private final DeviceApiMetrics metrics;

    RpcResponseHandler(final PayloadLimits limits, final ServerRpc rpc, final DeviceApiMetrics metrics) {
        this.limits = limits;
        this.rpc = rpc;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final int id = RequestIds.of(RequestTopic.RPC_RESPONSE, publish.topic());
        if (publish.payload().length > limits.maxValueLength()) {
            throw new BadPayloadException(LIMIT_EXCEEDED,
                    "an RPC response is at most " + limits.maxValueLength() + " bytes");
        }
        final String response = new String(publish.payload(), StandardCharsets.UTF_8);
        final var device = publish.device();
        return () -> {
            metrics.serverRpcResponses.inc();
            return rpc.onResponse(new DeviceRef(device.account(), device.deviceName(), device.deviceId()), id,
                    response);
        };
    }
}
