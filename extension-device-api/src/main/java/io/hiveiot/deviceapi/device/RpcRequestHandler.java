package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.RequestIds;
import io.hiveiot.deviceapi.payload.RpcRequestParser;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.kit.thingsboard.RequestTopic;

import java.util.concurrent.CompletableFuture;

/**
 * {@code v1/devices/me/rpc/request/{id}}: a device's own (client-side) RPC request, handed to the account's
 * applications; a QoS 1/2 request is acknowledged once it is on its way (nothing is stored).
 */
final class RpcRequestHandler implements TopicHandler {

    private final RpcRequestParser parser;
    private final ClientRpc rpc;
    private final DeviceApiMetrics metrics;

    RpcRequestHandler(final RpcRequestParser parser, final ClientRpc rpc, final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.rpc = rpc;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final int id = RequestIds.of(RequestTopic.RPC_REQUEST, publish.topic());
        final RpcRequestParser.RpcRequest request = parser.parse(publish.payload());
        return () -> {
            metrics.clientRpcRequests.inc();
            rpc.request(publish.from(), id,
                    request.method(), request.params());
            return CompletableFuture.completedFuture(null);
        };
    }
}
