package io.hiveiot.deviceapi.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.deviceapi.attributes.Attributes;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.kit.identity.ConnectionAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The JSON of ThingsBoard's attribute response, {@code {"client":{..},"shared":{..}}}, a section left out when
 * empty (so unknown keys give {@code {}}). The firmware keys extension-firmware annotated on the connection
 * ({@link ConnectionAttributes#FIRMWARE_KEYS}, a JSON object) are part of {@code shared} when the request selects
 * them, and win over stored shared attributes of the same name: extension-firmware owns them.
 */
final class AttributeResponse {

    private static final Logger log = LoggerFactory.getLogger(AttributeResponse.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttributeResponse() {}

    static String json(
            final Attributes attributes, final KeySelection sharedSelection, final Optional<String> firmware) {
        final Map<String, String> shared = new LinkedHashMap<>();
        attributes
                .shared()
                .forEach(entry -> shared.put(entry.key(), entry.value().toJson()));
        firmware.ifPresent(fw -> mergeFirmware(fw, sharedSelection, shared));
        final StringJoiner response = new StringJoiner(",", "{", "}");
        if (!attributes.client().isEmpty()) {
            response.add("\"client\":" + KeyValue.toJsonObject(attributes.client()));
        }
        if (!shared.isEmpty()) {
            final StringJoiner object = new StringJoiner(",", "{", "}");
            shared.forEach((key, value) -> object.add(CompactJson.quote(key) + ':' + value));
            response.add("\"shared\":" + object);
        }
        return response.toString();
    }

    /** The shared attributes of a Protocol Buffers response: the stored ones, the firmware keys winning. */
    static List<KeyValue> sharedWithFirmware(
            final Attributes attributes, final KeySelection selection, final Optional<String> firmware) {
        final Map<String, KeyValue> shared = new LinkedHashMap<>();
        attributes.shared().forEach(entry -> shared.put(entry.key(), entry));
        firmware.ifPresent(fw -> {
            final Map<String, String> keys = new LinkedHashMap<>();
            mergeFirmware(fw, selection, keys);
            keys.forEach((key, json) -> shared.put(key, new KeyValue(key, typed(json))));
        });
        return List.copyOf(shared.values());
    }

    /** A firmware key's value, which extension-firmware writes as a JSON string, number or boolean. */
    private static TypedValue typed(final String json) {
        try {
            final JsonNode value = JSON.readTree(json);
            if (value.isTextual()) {
                return new TypedValue.StringValue(value.textValue());
            }
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return new TypedValue.LongValue(value.longValue());
            }
            if (value.isNumber()) {
                return new TypedValue.DoubleValue(value.doubleValue());
            }
            if (value.isBoolean()) {
                return new TypedValue.BooleanValue(value.booleanValue());
            }
        } catch (final IOException | IllegalArgumentException e) {
            log.debug("hive-iot-device-api: a firmware key is not JSON: {}", e.toString());
        }
        return new TypedValue.JsonValue(json);
    }

    private static void mergeFirmware(final String fw, final KeySelection selection, final Map<String, String> shared) {
        final JsonNode keys;
        try {
            keys = JSON.readTree(fw);
        } catch (final IOException e) {
            log.debug("hive-iot-device-api: {} is not JSON, ignored", ConnectionAttributes.FIRMWARE_KEYS);
            return;
        }
        if (keys == null || !keys.isObject()) {
            log.debug("hive-iot-device-api: {} is not a JSON object, ignored", ConnectionAttributes.FIRMWARE_KEYS);
            return;
        }
        for (final Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> entry = it.next();
            if (selection.includes(entry.getKey())) {
                shared.put(entry.getKey(), entry.getValue().toString());
            }
        }
    }
}
