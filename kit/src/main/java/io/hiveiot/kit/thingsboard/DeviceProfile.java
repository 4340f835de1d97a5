package io.hiveiot.kit.thingsboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device's profile says about its MQTT transport, as ThingsBoard's MQTT device profile does: the payload
 * type, the topic filters its telemetry and attributes arrive on, the filter whose subscription asks for
 * shared-attribute pushes (they arrive on {@code v1/devices/me/attributes} all the same, as in ThingsBoard), and
 * for Protocol Buffers the {@code .proto} schema of each message a device sends or receives.
 * <p>
 * hive-iot-auth owns profiles and writes the profile of a device into its connection attributes at CONNECT
 * ({@link #writeTo}); the other extensions read it from there ({@link #readFrom}). A changed profile therefore
 * applies from the device's next connection. HiveMQ keeps at most 10 KiB per attribute, so each schema has an
 * attribute of its own and is at most {@value #MAX_SCHEMA_BYTES} bytes.
 */
public record DeviceProfile(
        String name,
        PayloadType payloadType,
        String telemetryTopic,
        String attributesTopic,
        String attributesSubscribeTopic,
        Map<Schema, String> schemas) {

    /** The connection attribute holding the profile (without its schemas) as JSON. */
    public static final String ATTRIBUTE = "hive-iot.profile";
    /** The largest schema a connection attribute holds. */
    public static final int MAX_SCHEMA_BYTES = 10_000;

    /** What a device without a profile of its own gets: ThingsBoard's default profile. */
    public static final DeviceProfile DEFAULT = new DeviceProfile(
            "default",
            PayloadType.JSON,
            DeviceTopic.TELEMETRY,
            DeviceTopic.ATTRIBUTES,
            DeviceTopic.ATTRIBUTES,
            Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum PayloadType {
        JSON,
        PROTOBUF
    }

    /** ThingsBoard's four schemas of a Protocol Buffers profile. */
    public enum Schema {
        TELEMETRY("telemetry-proto"),
        ATTRIBUTES("attributes-proto"),
        RPC_REQUEST("rpc-request-proto"),
        RPC_RESPONSE("rpc-response-proto");

        private final String attribute;

        Schema(final String attribute) {
            this.attribute = ATTRIBUTE + "." + attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    public DeviceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(telemetryTopic, "telemetryTopic");
        Objects.requireNonNull(attributesTopic, "attributesTopic");
        Objects.requireNonNull(attributesSubscribeTopic, "attributesSubscribeTopic");
        final var copy = new EnumMap<Schema, String>(Schema.class);
        copy.putAll(schemas);
        schemas = Map.copyOf(copy);
    }

    public Optional<String> schema(final Schema schema) {
        return Optional.ofNullable(schemas.get(schema));
    }

    /** Whether the device publishes telemetry or attributes on topics of its own choosing. */
    public boolean customTopics() {
        return !telemetryTopic.equals(DeviceTopic.TELEMETRY) || !attributesTopic.equals(DeviceTopic.ATTRIBUTES);
    }

    /** Annotates the connection with the profile; nothing for {@link #DEFAULT}, which {@link #readFrom} assumes. */
    public void writeTo(final ConnectionAttributeStore store) {
        if (equals(DEFAULT)) {
            // Most devices have it: a CONNECT storm then writes and parses no JSON for it.
            return;
        }
        final ObjectNode json = JSON.createObjectNode()
                .put("name", name)
                .put("payloadType", payloadType.name())
                .put("telemetryTopic", telemetryTopic)
                .put("attributesTopic", attributesTopic)
                .put("attributesSubscribeTopic", attributesSubscribeTopic);
        store.putAsString(ATTRIBUTE, json.toString());
        schemas.forEach((schema, text) -> store.putAsString(schema.attribute(), text));
    }

    /** The profile hive-iot-auth annotated on the connection, or {@link #DEFAULT} when there is none. */
    public static DeviceProfile readFrom(final ConnectionAttributeStore store) {
        final Optional<String> stored = store.getAsString(ATTRIBUTE);
        if (stored.isEmpty()) {
            return DEFAULT;
        }
        try {
            final JsonNode json = JSON.readTree(stored.get());
            final var schemas = new EnumMap<Schema, String>(Schema.class);
            for (final Schema schema : Schema.values()) {
                store.getAsString(schema.attribute()).ifPresent(text -> schemas.put(schema, text));
            }
            return new DeviceProfile(
                    json.path("name").asText("default"),
                    PayloadType.valueOf(json.path("payloadType").asText(PayloadType.JSON.name())),
                    json.path("telemetryTopic").asText(DeviceTopic.TELEMETRY),
                    json.path("attributesTopic").asText(DeviceTopic.ATTRIBUTES),
                    json.path("attributesSubscribeTopic").asText(DeviceTopic.ATTRIBUTES),
                    schemas);
        } catch (final IOException | IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
