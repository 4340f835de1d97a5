package io.hiveiot.benchmarks.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The topics and payloads of a firmware download, in two flavours:
 * <ul>
 *   <li>hive-iot, ThingsBoard's OTA protocol: the device subscribes {@code v2/fw/response/+} (as ThingsBoard's SDK
 *       and example do; that filter matches no chunk topic, and the extension delivers anyway), publishes
 *       {@code v2/fw/request/<requestId>/chunk/<n>} with the chunk size as decimal text and receives the bytes on
 *       {@code v2/fw/response/<requestId>/chunk/<n>}, errors on {@code v2/fw/error}. The package comes from the
 *       {@code firmware} service: {@code package.upload} in pieces, then {@code assign} per device;</li>
 *   <li>plain MQTT (the bare broker): the same payloads on {@code bench/<device>/fw/request/<n>}, answered by a
 *       server client of the load generator on {@code bench/<device>/fw/response/<n>}. The broker only routes.</li>
 * </ul>
 */
public final class FirmwareMessages {

    public static final String SERVICE = "firmware";
    public static final String DEVICE_RESPONSE_FILTER = "v2/fw/response/+/chunk/+";
    public static final String ERROR_TOPIC = "v2/fw/error";
    public static final String PLAIN_REQUEST_FILTER = "bench/+/fw/request/+";
    private static final String SHARED_GROUP = "$share/bench-fw/";
    private static final String PLAIN_PREFIX = "bench/";
    private static final String PLAIN_REQUEST = "/fw/request/";
    private static final String PLAIN_RESPONSE = "/fw/response/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirmwareMessages() {}

    /**
     * What the bare broker's servers subscribe: the plain filter for one, a shared subscription for several, so that
     * every request reaches exactly one of them.
     */
    public static String plainRequestFilter(final int servers) {
        return servers == 1 ? PLAIN_REQUEST_FILTER : SHARED_GROUP + PLAIN_REQUEST_FILTER;
    }

    public static String chunkRequestTopic(final long requestId, final int chunk) {
        return "v2/fw/request/" + requestId + "/chunk/" + chunk;
    }

    public static String plainRequestTopic(final String device, final int chunk) {
        return PLAIN_PREFIX + device + PLAIN_REQUEST + chunk;
    }

    public static String plainResponseFilter(final String device) {
        return plainResponsePrefix(device) + "+";
    }

    public static String plainResponsePrefix(final String device) {
        return PLAIN_PREFIX + device + PLAIN_RESPONSE;
    }

    /** Where the server answers a plain request it got on {@code topic}, or empty for another topic. */
    public static Optional<String> plainResponseTopic(final String topic) {
        final int at = topic.lastIndexOf(PLAIN_REQUEST);
        return topic.startsWith(PLAIN_PREFIX) && at > PLAIN_PREFIX.length()
                ? Optional.of(topic.substring(0, at) + PLAIN_RESPONSE + topic.substring(at + PLAIN_REQUEST.length()))
                : Optional.empty();
    }

    /** The chunk size a device asks for: decimal text, as ThingsBoard's devices send it. */
    public static byte[] chunkSizePayload(final int chunkSize) {
        return Integer.toString(chunkSize).getBytes(StandardCharsets.US_ASCII);
    }

    /** The size in a request payload, or empty when it is not a positive decimal number. */
    public static OptionalInt chunkSize(final byte[] payload) {
        try {
            final int size = Integer.parseInt(new String(payload, StandardCharsets.US_ASCII).strip());
            return size > 0 ? OptionalInt.of(size) : OptionalInt.empty();
        } catch (final NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The chunk index at the end of a request or response topic, or -1 when there is none. */
    public static int chunkIndex(final String topic) {
        try {
            return Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    /**
     * One {@code package.upload} piece at {@code offset}; the last one announces the checksum and the size, which
     * the service verifies before it stores the package.
     */
    public static byte[] upload(
            final String title,
            final String version,
            final byte[] data,
            final int offset,
            final boolean last,
            final String sha256,
            final int size) {
        final ObjectNode request = JSON.createObjectNode().put("op", "package.upload");
        final ObjectNode args = request.putObject("args")
                .put("title", title)
                .put("version", version)
                .put("data", Base64.getEncoder().encodeToString(data))
                .put("offset", offset)
                .put("last", last);
        if (last) {
            args.put("checksumAlgorithm", "SHA256").put("checksum", sha256).put("size", size);
        }
        return bytes(request);
    }

    public static byte[] assign(final String device, final String title, final String version) {
        final ObjectNode request = JSON.createObjectNode().put("op", "assign");
        request.putObject("args").put("device", device).put("title", title).put("version", version);
        return bytes(request);
    }

    /** Empty for {@code {"ok":true,..}}; else the error code, with its message when there is one. */
    public static Optional<String> serviceFailure(final JsonNode answer) {
        if (answer.path("ok").asBoolean(false)) {
            return Optional.empty();
        }
        final String code = answer.path("error").path("code").asText("no ok in the answer");
        final String message = answer.path("error").path("message").asText("");
        return Optional.of(message.isEmpty() ? code : code + ": " + message);
    }

    private static byte[] bytes(final ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new UncheckedIOException("a JSON tree always serializes", e);
        }
    }
}
