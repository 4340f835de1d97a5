package io.hiveiot.deviceapi.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.RpcRequestParser;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * {@code v1/devices/me/rpc/request/{id}} ({@code v2/r/req/{id}}): a device's own (client-side) RPC request, handed to
 * the account's applications; a QoS 1/2 request is acknowledged once it is on its way (nothing is stored). The
 * answer goes back in the request's topic family. A Protocol Buffers request is ThingsBoard's fixed
 * {@code RpcRequest}, whose params are JSON text.
 */
final class RpcRequestHandler implements TopicHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RpcRequestParser parser;
    private final ProtoPayloads protobuf;
    private final ClientRpc rpc;
    private final DeviceApiMetrics metrics;

    RpcRequestHandler(
            final RpcRequestParser parser,
            final ProtoPayloads protobuf,
            final ClientRpc rpc,
            final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.protobuf = protobuf;
        this.rpc = rpc;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final int id = publish.requestId();
        final RpcRequestParser.RpcRequest request = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF
                ? protobufRequest(publish.payload())
                : parser.parse(publish.payload());
        return () -> {
            metrics.clientRpcRequests.inc();
            rpc.request(publish.session(), id, request.method(), request.params(), publish.family());
            return CompletableFuture.completedFuture(null);
        };
    }

    private RpcRequestParser.RpcRequest protobufRequest(final byte[] payload) throws BadPayloadException {
        final var request = protobuf.rpcRequest(payload);
        if (request.method().isEmpty()) {
            throw new BadPayloadException(WRONG_SHAPE, "an RPC request needs a method");
        }
        JsonNode params;
        try {
            params = request.params().isEmpty() ? TextNode.valueOf("") : JSON.readTree(request.params());
        } catch (final IOException e) {
            params = TextNode.valueOf(request.params());
        }
        return new RpcRequestParser.RpcRequest(request.method(), params);
    }
}
