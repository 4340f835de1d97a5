package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;

/**
 * A device's RPC response as applications get it. ThingsBoard does not validate it: JSON is passed on as JSON, an
 * empty payload as {@code null}, anything else as a JSON string of its text (where ThingsBoard's REST API answers
 * 406), so nothing a device sends is lost.
 */
final class RpcPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RpcPayloads() {}

    static JsonNode response(final String text) {
        if (text.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            final JsonNode node = JSON.readTree(text);
            return node == null ? JsonNodeFactory.instance.textNode(text) : node;
        } catch (final IOException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
