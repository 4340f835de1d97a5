package io.hiveiot.kit.thingsboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.UserProperties;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sub-devices a gateway publish names, as hive-iot-auth (the identity authority, owner of the registry)
 * resolved them: each name to the id of a device of the gateway's account that belongs to this gateway, created on
 * first use as ThingsBoard does. It travels as the reserved user property {@value #KEY} on the publish itself;
 * hive-iot-auth removes any copy the client sent, so the extensions after it trust it and never look device
 * names up.
 */
public record SubDevices(Map<String, String> idsByName) {

    public static final String KEY = "hive-iot.sub-devices";
    /**
     * The {@code fw_*} / {@code sw_*} keys of the sub-device a gateway's {@code v1/gateway/attributes/request}
     * names, as a JSON object: the reserved user property hive-iot-firmware (which owns assignments) attaches to
     * that publish, removing any copy the client sent, for hive-iot-device-api to merge into its answer as it
     * merges a device's own firmware keys.
     */
    public static final String FIRMWARE_KEYS = "hive-iot.sub-device-fw";

    private static final ObjectMapper JSON = new ObjectMapper();

    public SubDevices {
        idsByName = Map.copyOf(idsByName);
    }

    public Optional<String> id(final String name) {
        return Optional.ofNullable(idsByName.get(name));
    }

    public String toJson() {
        final ObjectNode node = JSON.createObjectNode();
        idsByName.forEach(node::put);
        return node.toString();
    }

    /** The annotation of a gateway publish, if hive-iot-auth attached one. */
    public static Optional<SubDevices> readFrom(final UserProperties properties) {
        final Optional<String> value = properties.getFirst(KEY);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            final JsonNode node = JSON.readTree(value.get());
            final var ids = new LinkedHashMap<String, String>();
            for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> entry = it.next();
                ids.put(entry.getKey(), entry.getValue().asText());
            }
            return Optional.of(new SubDevices(ids));
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
