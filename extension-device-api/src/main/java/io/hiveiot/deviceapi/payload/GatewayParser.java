package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Parses the JSON of ThingsBoard's gateway API ({@code AbstractGatewaySessionHandler}) as leniently as the device
 * API: each sub-device's part is read and typed like a device's own payload, with the limits of one message per
 * sub-device. Where ThingsBoard drops a malformed part and acknowledges the rest, the whole message is refused here,
 * so a message is stored whole or not at all.
 */
public final class GatewayParser {

    /** {@code {"device":"A","type":"t"}} of a connect or disconnect. */
    public record DeviceName(String device) {}

    /**
     * {@code {"id":1,"device":"A","client":true,"key":"k"}} or {@code "keys":[..]}.
     *
     * @param keys     the keys asked for; empty asks for every client and shared attribute, whatever
     *                 {@code client} says (ThingsBoard's device actor does that)
     * @param multiple whether the request listed {@code keys}, so the answer is {@code "values":{..}} even for one
     */
    public record AttributeRequest(int id, String device, boolean client, List<String> keys, boolean multiple) {}

    /** {@code {"device":"A","id":0,"data":..}}: {@code data} as JSON text. */
    public record RpcResponse(String device, int id, String data) {}

    private final PayloadLimits limits;
    private final LenientJsonReader reader;
    private final TelemetryParser telemetry;

    public GatewayParser(final PayloadLimits limits) {
        this.limits = limits;
        this.reader = new LenientJsonReader(limits);
        this.telemetry = new TelemetryParser(limits);
    }

    public DeviceName deviceName(final byte[] payload) throws BadPayloadException {
        return new DeviceName(device(object(payload)));
    }

    /** {@code {"A":[{"ts":..,"values":{..}},..],"B":[..]}}: each sub-device's value is an array of telemetry. */
    public Map<String, List<TsKvBatch>> telemetry(final byte[] payload, final long nowMillis)
            throws BadPayloadException {
        final Map<String, List<TsKvBatch>> result = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> device : object(payload).properties()) {
            if (!device.getValue().isArray()) {
                throw new BadPayloadException(WRONG_SHAPE, "the telemetry of each device is a JSON array");
            }
            result.put(device.getKey(), telemetry.parse(device.getValue(), nowMillis));
        }
        return result;
    }

    /** {@code {"A":{"k":v},"B":{..}}}. */
    public Map<String, List<KeyValue>> attributes(final byte[] payload) throws BadPayloadException {
        final Map<String, List<KeyValue>> result = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> device : object(payload).properties()) {
            if (!device.getValue().isObject()) {
                throw new BadPayloadException(WRONG_SHAPE, "the attributes of each device are a JSON object");
            }
            result.put(device.getKey(), List.copyOf(new EntryReader(limits).read(device.getValue())));
        }
        return result;
    }

    public AttributeRequest attributeRequest(final byte[] payload) throws BadPayloadException {
        final JsonNode request = object(payload);
        final int id = integer(request.get("id"), "id");
        final JsonNode client = request.get("client");
        if (client == null || !client.isBoolean()) {
            throw new BadPayloadException(WRONG_SHAPE, "an attribute request needs a boolean \"client\"");
        }
        final List<String> keys = new ArrayList<>();
        final JsonNode key = request.get("key");
        final boolean multiple = key == null;
        if (key != null) {
            keys.add(GsonCoercion.asString(key)
                    .orElseThrow(() -> new BadPayloadException(WRONG_SHAPE, "\"key\" must be a string")));
        } else {
            final JsonNode list = request.get("keys");
            if (list == null || !list.isArray()) {
                throw new BadPayloadException(WRONG_SHAPE, "an attribute request needs \"key\" or \"keys\"");
            }
            for (final JsonNode item : list) {
                keys.add(GsonCoercion.asString(item)
                        .orElseThrow(() -> new BadPayloadException(WRONG_SHAPE, "\"keys\" must be strings")));
            }
        }
        if (keys.size() > limits.maxKeysPerMessage()) {
            throw new BadPayloadException(
                    BadPayloadException.Kind.LIMIT_EXCEEDED,
                    "more than " + limits.maxKeysPerMessage() + " keys in one request");
        }
        return new AttributeRequest(id, device(request), client.booleanValue(), List.copyOf(keys), multiple);
    }

    public RpcResponse rpcResponse(final byte[] payload) throws BadPayloadException {
        if (payload.length > limits.maxValueLength()) {
            throw new BadPayloadException(
                    BadPayloadException.Kind.LIMIT_EXCEEDED,
                    "an RPC response is at most " + limits.maxValueLength() + " bytes");
        }
        final JsonNode response = object(payload);
        final JsonNode data = response.get("data");
        if (data == null) {
            throw new BadPayloadException(WRONG_SHAPE, "an RPC response needs \"data\"");
        }
        return new RpcResponse(device(response), integer(response.get("id"), "id"), CompactJson.of(data));
    }

    private JsonNode object(final byte[] payload) throws BadPayloadException {
        final JsonNode root = reader.read(payload);
        if (!root.isObject()) {
            throw new BadPayloadException(WRONG_SHAPE, "a gateway message is a JSON object");
        }
        return root;
    }

    private static String device(final JsonNode message) throws BadPayloadException {
        final Optional<String> device = Optional.ofNullable(message.get("device"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .filter(name -> !name.isEmpty());
        return device.orElseThrow(() -> new BadPayloadException(WRONG_SHAPE, "\"device\" must be a device name"));
    }

    /** Gson's {@code getAsInt}: a number or a numeric string within the int range. */
    private static int integer(final JsonNode value, final String name) throws BadPayloadException {
        final OptionalLong number = value == null ? OptionalLong.empty() : GsonCoercion.asLong(value);
        if (number.isEmpty() || number.getAsLong() != (int) number.getAsLong()) {
            throw new BadPayloadException(WRONG_SHAPE, "\"" + name + "\" must be an integer");
        }
        return (int) number.getAsLong();
    }
}
