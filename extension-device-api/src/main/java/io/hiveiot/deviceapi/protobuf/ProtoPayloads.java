package io.hiveiot.deviceapi.protobuf;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_PROTOBUF;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Protocol Buffers payloads of devices whose profile says PROTOBUF, read as ThingsBoard reads them:
 * <ul>
 *   <li>telemetry, attributes and RPC responses with the profile's schema, printed to JSON by protobuf's
 *       {@link JsonFormat} with fields at their default printed too, then read and typed exactly like a JSON
 *       payload (64-bit integers print as strings, which the typing casts back to LONG);</li>
 *   <li>attribute requests and a device's own RPC requests as ThingsBoard's fixed messages;</li>
 *   <li>a gateway's messages as ThingsBoard's fixed gateway messages, their values typed as the gateway typed
 *       them.</li>
 * </ul>
 */
public final class ProtoPayloads {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private final Schemas schemas;
    private final PayloadLimits limits;

    public ProtoPayloads(final Schemas schemas, final PayloadLimits limits) {
        this.schemas = schemas;
        this.limits = limits;
    }

    /** A message of one of the profile's schemas as the JSON text ThingsBoard makes of it. */
    public byte[] toJson(final DeviceProfile profile, final DeviceProfile.Schema schema, final byte[] payload)
            throws BadPayloadException {
        final Descriptors.Descriptor type = descriptor(profile, schema);
        try {
            return PRINTER.print(DynamicMessage.parseFrom(type, payload)).getBytes(StandardCharsets.UTF_8);
        } catch (final InvalidProtocolBufferException e) {
            throw new BadPayloadException(INVALID_PROTOBUF, "not a " + type.getName() + " message");
        }
    }

    Descriptors.Descriptor descriptor(final DeviceProfile profile, final DeviceProfile.Schema schema)
            throws BadPayloadException {
        final String text = profile.schema(schema)
                .orElseThrow(() -> new BadPayloadException(
                        INVALID_PROTOBUF,
                        "the device profile has no " + schema.name().toLowerCase() + " schema"));
        try {
            return schemas.message(text);
        } catch (final SchemaException e) {
            throw new BadPayloadException(
                    INVALID_PROTOBUF,
                    "the device profile's " + schema.name().toLowerCase() + " schema " + e.getMessage());
        }
    }

    /** {@code AttributesRequest}: the comma-separated key lists; an empty list counts as none. */
    public Map<String, String> attributeRequest(final byte[] payload) throws BadPayloadException {
        final DynamicMessage request = TransportMessages.parse("AttributesRequest", payload);
        final Map<String, String> keys = new LinkedHashMap<>();
        putIfSet(keys, "clientKeys", TransportMessages.string(request, "clientKeys"));
        putIfSet(keys, "sharedKeys", TransportMessages.string(request, "sharedKeys"));
        return keys;
    }

    /** A device's own RPC request: the method and the params as JSON text. */
    public record RpcRequest(String method, String params) {}

    /** {@code RpcRequest}. */
    public RpcRequest rpcRequest(final byte[] payload) throws BadPayloadException {
        final DynamicMessage request = TransportMessages.parse("RpcRequest", payload);
        return new RpcRequest(TransportMessages.string(request, "method"), TransportMessages.string(request, "params"));
    }

    /** {@code ConnectMsg} or {@code DisconnectMsg}: the sub-device's name. */
    public String deviceName(final String message, final byte[] payload) throws BadPayloadException {
        return required(TransportMessages.string(TransportMessages.parse(message, payload), "deviceName"));
    }

    /** {@code GatewayTelemetryMsg}: each sub-device's points, by sub-device name. */
    public Map<String, List<TsKvBatch>> gatewayTelemetry(final byte[] payload) throws BadPayloadException {
        final DynamicMessage message = TransportMessages.parse("GatewayTelemetryMsg", payload);
        final Map<String, List<TsKvBatch>> result = new LinkedHashMap<>();
        int entries = 0;
        for (final Object item : TransportMessages.list(message, "msg")) {
            final DynamicMessage telemetry = (DynamicMessage) item;
            final List<TsKvBatch> batches = new ArrayList<>();
            final DynamicMessage post = (DynamicMessage) TransportMessages.value(telemetry, "msg");
            for (final Object listItem : TransportMessages.list(post, "tsKvList")) {
                final DynamicMessage tsKv = (DynamicMessage) listItem;
                final List<KeyValue> values = new ArrayList<>();
                for (final Object kv : TransportMessages.list(tsKv, "kv")) {
                    values.add(KeyValues.read((DynamicMessage) kv, limits));
                    entries = count(entries);
                }
                if (!values.isEmpty()) {
                    batches.add(new TsKvBatch((Long) TransportMessages.value(tsKv, "ts"), values));
                }
            }
            result.computeIfAbsent(
                            required(TransportMessages.string(telemetry, "deviceName")), name -> new ArrayList<>())
                    .addAll(batches);
        }
        return result;
    }

    /** {@code GatewayAttributesMsg}: each sub-device's client attributes, by sub-device name. */
    public Map<String, List<KeyValue>> gatewayAttributes(final byte[] payload) throws BadPayloadException {
        final DynamicMessage message = TransportMessages.parse("GatewayAttributesMsg", payload);
        final Map<String, List<KeyValue>> result = new LinkedHashMap<>();
        int entries = 0;
        for (final Object item : TransportMessages.list(message, "msg")) {
            final DynamicMessage attributes = (DynamicMessage) item;
            final List<KeyValue> values = new ArrayList<>();
            for (final Object kv :
                    TransportMessages.list((DynamicMessage) TransportMessages.value(attributes, "msg"), "kv")) {
                values.add(KeyValues.read((DynamicMessage) kv, limits));
                entries = count(entries);
            }
            result.computeIfAbsent(
                            required(TransportMessages.string(attributes, "deviceName")), name -> new ArrayList<>())
                    .addAll(values);
        }
        return result;
    }

    /** {@code GatewayAttributesRequestMsg}. */
    public record GatewayAttributeRequest(int id, String device, boolean client, List<String> keys) {}

    public GatewayAttributeRequest gatewayAttributeRequest(final byte[] payload) throws BadPayloadException {
        final DynamicMessage request = TransportMessages.parse("GatewayAttributesRequestMsg", payload);
        final List<String> keys = new ArrayList<>();
        for (final Object key : TransportMessages.list(request, "keys")) {
            keys.add((String) key);
        }
        return new GatewayAttributeRequest(
                (Integer) TransportMessages.value(request, "id"),
                required(TransportMessages.string(request, "deviceName")),
                (Boolean) TransportMessages.value(request, "client"),
                keys);
    }

    /** {@code GatewayRpcResponseMsg}: the sub-device, the request id and the response text. */
    public record GatewayRpcResponse(String device, int id, String data) {}

    public GatewayRpcResponse gatewayRpcResponse(final byte[] payload) throws BadPayloadException {
        final DynamicMessage response = TransportMessages.parse("GatewayRpcResponseMsg", payload);
        return new GatewayRpcResponse(
                required(TransportMessages.string(response, "deviceName")),
                (Integer) TransportMessages.value(response, "id"),
                TransportMessages.string(response, "data"));
    }

    private int count(final int entries) throws BadPayloadException {
        if (entries + 1 > limits.maxKeysPerMessage()) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "more than " + limits.maxKeysPerMessage() + " keys in one message");
        }
        return entries + 1;
    }

    private static String required(final String deviceName) throws BadPayloadException {
        if (deviceName.isEmpty()) {
            throw new BadPayloadException(WRONG_SHAPE, "device name is empty");
        }
        return deviceName;
    }

    private static void putIfSet(final Map<String, String> keys, final String name, final String value) {
        if (!value.isEmpty()) {
            keys.put(name, value);
        }
    }
}
