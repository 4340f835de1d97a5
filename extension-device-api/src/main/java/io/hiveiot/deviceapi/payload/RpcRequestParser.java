package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Parses a device's client-side RPC request, {@code {"method":"getTime","params":{..}}}: a JSON object with a
 * non-empty string {@code method} ({@code JsonConverter.convertToServerRpcRequest} refuses anything else);
 * {@code params} may be any JSON value and may be left out.
 */
public final class RpcRequestParser {

    private final PayloadLimits limits;
    private final LenientJsonReader reader;

    public RpcRequestParser(final PayloadLimits limits) {
        this.limits = limits;
        this.reader = new LenientJsonReader(limits);
    }

    public record RpcRequest(String method, JsonNode params) {}

    public RpcRequest parse(final byte[] payload) throws BadPayloadException {
        if (payload.length > limits.maxValueLength()) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "an RPC request is at most " + limits.maxValueLength() + " bytes");
        }
        final JsonNode root = reader.read(payload);
        final JsonNode method = root.get("method");
        if (!root.isObject()
                || method == null
                || !method.isTextual()
                || method.asText().isEmpty()) {
            throw new BadPayloadException(WRONG_SHAPE, "an RPC request is a JSON object with a string \"method\"");
        }
        if (method.asText().length() > limits.maxKeyLength()) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "an RPC method name is at most " + limits.maxKeyLength() + " characters");
        }
        final JsonNode params = root.get("params");
        return new RpcRequest(method.asText(), params == null ? NullNode.getInstance() : params);
    }
}
