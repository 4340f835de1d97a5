package io.hiveiot.kit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.UserProperties;

import java.io.IOException;
import java.util.Optional;

/**
 * The device an application request names, as extension-auth resolved it within the requester's
 * account. It travels as the reserved user property {@value #KEY} on the
 * request itself; extension-auth removes any copy a client sent, so a later extension can trust it
 * and never looks device names up. {@code deviceId} is empty when the account has no such device.
 *
 * @param unavailable the lookup failed (overload); answer "unavailable", not "not found"
 */
public record DeviceAnnotation(String account, String device, Optional<String> deviceId, boolean unavailable) {

    public static final String KEY = "hive-iot.device";

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        final ObjectNode node = JSON.createObjectNode().put("account", account).put("device", device);
        deviceId.ifPresentOrElse(id -> node.put("deviceId", id), () -> node.putNull("deviceId"));
        if (unavailable) {
            node.put("unavailable", true);
        }
        return node.toString();
    }

    /** The annotation of a request, if extension-auth attached one. */
    public static Optional<DeviceAnnotation> readFrom(final UserProperties properties) {
        final Optional<String> value = properties.getFirst(KEY);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            final JsonNode node = JSON.readTree(value.get());
            return Optional.of(new DeviceAnnotation(
                    node.path("account").asText(),
                    node.path("device").asText(),
                    node.path("deviceId").isTextual()
                            ? Optional.of(node.get("deviceId").asText())
                            : Optional.empty(),
                    node.path("unavailable").asBoolean(false)));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
