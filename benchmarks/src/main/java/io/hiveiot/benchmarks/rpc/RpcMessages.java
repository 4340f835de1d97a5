package io.hiveiot.benchmarks.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The topics and payloads of one server-side RPC round trip, in two flavours:
 * <ul>
 *   <li>hive-iot: the application sends {@code {"op":"rpc","args":{"device":..,"method":..,"params":..,"timeoutMs":..}}}
 *       to {@code users/<account>/api/devices/request/<id>} and gets {@code {"ok":true,"result":{"requestId":..,
 *       "response":..}}} on {@code .../response/<id>}; the device receives {@code {"method":..,"params":..}} on
 *       {@code v1/devices/me/rpc/request/<n>} and answers on {@code v1/devices/me/rpc/response/<n>};</li>
 *   <li>plain MQTT (the bare broker): the same device payload on {@code bench/<device>/rpc/request/<id>}, the
 *       answer on {@code bench/<device>/rpc/response/<id>}, which the application subscribed to. The broker
 *       only routes: this is the floor any RPC service on MQTT is measured against.</li>
 * </ul>
 */
public final class RpcMessages {

    public static final String METHOD = "bench";
    public static final String DEVICE_REQUEST_FILTER = "v1/devices/me/rpc/request/+";
    private static final String DEVICE_REQUEST_PREFIX = "v1/devices/me/rpc/request/";
    private static final String DEVICE_RESPONSE_PREFIX = "v1/devices/me/rpc/response/";
    /** What every device answers: small, fixed, JSON. */
    public static final byte[] DEVICE_ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RpcMessages() {}

    // hive-iot's devices service

    public static String serviceRequestTopic(final String account, final long id) {
        return "users/" + account + "/api/devices/request/" + id;
    }

    public static String serviceResponsePrefix(final String account) {
        return "users/" + account + "/api/devices/response/";
    }

    public static byte[] serviceRequest(final String device, final long id, final long timeoutMs) {
        final ObjectNode request = JSON.createObjectNode().put("op", "rpc");
        final ObjectNode args = request.putObject("args").put("device", device).put("method", METHOD);
        args.putObject("params").put("n", id);
        args.put("timeoutMs", timeoutMs);
        return bytes(request);
    }

    /** Empty when the service answered with the device's response; else the error code ({@code timeout}, ...). */
    public static Optional<String> serviceFailure(final byte[] answer) {
        final JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (final IOException e) {
            return Optional.of("invalid answer");
        }
        if (node.path("ok").asBoolean(false) && node.path("result").has("response")) {
            return Optional.empty();
        }
        return Optional.of(node.path("error").path("code").asText("no response in the answer"));
    }

    /** Where a hive-iot device answers the request it got on {@code topic}, or empty for another topic. */
    public static Optional<String> deviceResponseTopic(final String topic) {
        return topic.startsWith(DEVICE_REQUEST_PREFIX)
                ? Optional.of(DEVICE_RESPONSE_PREFIX + topic.substring(DEVICE_REQUEST_PREFIX.length()))
                : Optional.empty();
    }

    // plain MQTT

    public static String plainRequestFilter(final String device) {
        return "bench/" + device + "/rpc/request/+";
    }

    public static String plainRequestTopic(final String device, final long id) {
        return "bench/" + device + "/rpc/request/" + id;
    }

    public static final String PLAIN_RESPONSE_FILTER = "bench/+/rpc/response/+";

    public static byte[] plainRequest(final long id) {
        final ObjectNode request = JSON.createObjectNode().put("method", METHOD);
        request.putObject("params").put("n", id);
        return bytes(request);
    }

    /** Where a device answers a plain request it got on {@code topic}, or empty for another topic. */
    public static Optional<String> plainResponseTopic(final String topic) {
        final int at = topic.indexOf("/rpc/request/");
        return topic.startsWith("bench/") && at > 0
                ? Optional.of(
                        topic.substring(0, at) + "/rpc/response/" + topic.substring(at + "/rpc/request/".length()))
                : Optional.empty();
    }

    /** The application's request id at the end of an answer topic, or -1 when there is none. */
    public static long requestId(final String topic) {
        final int slash = topic.lastIndexOf('/');
        try {
            return Long.parseLong(topic.substring(slash + 1));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] bytes(final ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
