package io.hiveiot.deviceapi.protobuf;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.thingsboard.DeviceProfile;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * What the server sends devices whose payload type is PROTOBUF, as ThingsBoard encodes it: its fixed messages for
 * attribute pushes and responses and for answers to a device's own RPC requests, the profile's RPC request schema
 * for server-side requests (filled from {@code {"method":..,"requestId":..,"params":..}} as ThingsBoard fills
 * it), and its fixed gateway messages.
 */
public final class ProtoDownlinks {

    private static final Descriptors.FileDescriptor DEFAULT_RPC = Schemas.resource("default-rpc.proto");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final ProtoPayloads payloads;
    private final Clock clock;

    public ProtoDownlinks(final ProtoPayloads payloads, final Clock clock) {
        this.payloads = payloads;
        this.clock = clock;
    }

    /** {@code AttributeUpdateNotificationMsg}. */
    public byte[] attributes(final List<KeyValue> changed, final Set<String> deleted) {
        return notification(changed, deleted).toByteArray();
    }

    /** {@code GatewayAttributeUpdateNotificationMsg}. */
    public byte[] gatewayAttributes(final String device, final List<KeyValue> changed, final Set<String> deleted) {
        final DynamicMessage.Builder message = TransportMessages.builder("GatewayAttributeUpdateNotificationMsg");
        TransportMessages.set(message, "deviceName", device);
        TransportMessages.set(message, "notificationMsg", notification(changed, deleted));
        return message.build().toByteArray();
    }

    /**
     * A server-side request in the profile's RPC request schema (or the default one).
     *
     * @throws ApiException bad-request when the params do not fit the schema
     */
    public byte[] rpcRequest(
            final DeviceProfile profile, final int requestId, final String method, final String params) {
        final Descriptors.Descriptor type;
        try {
            type = profile.schema(DeviceProfile.Schema.RPC_REQUEST).isPresent()
                    ? payloads.descriptor(profile, DeviceProfile.Schema.RPC_REQUEST)
                    : DEFAULT_RPC.findMessageTypeByName("RpcRequestMsg");
        } catch (final BadPayloadException e) {
            throw ApiException.badRequest(e.reason());
        }
        final DynamicMessage.Builder request = DynamicMessage.newBuilder(type);
        try {
            PARSER.merge(
                    "{\"method\":" + CompactJson.quote(method) + ",\"requestId\":" + requestId + ",\"params\":" + params
                            + "}",
                    request);
        } catch (final InvalidProtocolBufferException e) {
            throw ApiException.badRequest(
                    "the call does not fit the device profile's RPC request schema: " + e.getMessage());
        }
        return request.build().toByteArray();
    }

    /** {@code GatewayDeviceRpcRequestMsg}. */
    public byte[] gatewayRpcRequest(
            final String device, final int requestId, final String method, final String params) {
        final DynamicMessage.Builder rpc = TransportMessages.builder("ToDeviceRpcRequestMsg");
        TransportMessages.set(rpc, "requestId", requestId);
        TransportMessages.set(rpc, "methodName", method);
        TransportMessages.set(rpc, "params", params);
        final DynamicMessage.Builder message = TransportMessages.builder("GatewayDeviceRpcRequestMsg");
        TransportMessages.set(message, "deviceName", device);
        TransportMessages.set(message, "rpcRequestMsg", rpc.build());
        return message.build().toByteArray();
    }

    /** {@code GetAttributeResponseMsg}. */
    public byte[] attributeResponse(final int requestId, final List<KeyValue> client, final List<KeyValue> shared) {
        return response(requestId, client, shared, false).toByteArray();
    }

    /** {@code GatewayAttributeResponseMsg}. */
    public byte[] gatewayAttributeResponse(
            final String device,
            final int requestId,
            final boolean client,
            final List<KeyValue> values,
            final boolean multiple) {
        final DynamicMessage.Builder message = TransportMessages.builder("GatewayAttributeResponseMsg");
        TransportMessages.set(message, "deviceName", device);
        TransportMessages.set(
                message,
                "responseMsg",
                response(requestId, client ? values : List.of(), client ? List.of() : values, multiple));
        return message.build().toByteArray();
    }

    /** {@code ToServerRpcResponseMsg}: the answer to a device's own request, or an error. */
    public byte[] rpcResponse(final int requestId, final String payload, final String error) {
        final DynamicMessage.Builder message = TransportMessages.builder("ToServerRpcResponseMsg");
        TransportMessages.set(message, "requestId", requestId);
        TransportMessages.set(message, "payload", payload);
        TransportMessages.set(message, "error", error);
        return message.build().toByteArray();
    }

    private DynamicMessage response(
            final int requestId, final List<KeyValue> client, final List<KeyValue> shared, final boolean multiple) {
        final DynamicMessage.Builder message = TransportMessages.builder("GetAttributeResponseMsg");
        TransportMessages.set(message, "requestId", requestId);
        client.forEach(entry -> TransportMessages.add(message, "clientAttributeList", tsKv(entry)));
        shared.forEach(entry -> TransportMessages.add(message, "sharedAttributeList", tsKv(entry)));
        TransportMessages.set(message, "isMultipleAttributesRequest", multiple);
        return message.build();
    }

    private DynamicMessage notification(final List<KeyValue> changed, final Set<String> deleted) {
        final DynamicMessage.Builder message = TransportMessages.builder("AttributeUpdateNotificationMsg");
        changed.forEach(entry -> TransportMessages.add(message, "sharedUpdated", tsKv(entry)));
        deleted.forEach(name -> TransportMessages.add(message, "sharedDeleted", name));
        return message.build();
    }

    private DynamicMessage tsKv(final KeyValue entry) {
        final DynamicMessage.Builder tsKv = TransportMessages.builder("TsKvProto");
        TransportMessages.set(tsKv, "ts", clock.millis());
        TransportMessages.set(tsKv, "kv", KeyValues.write(entry));
        return tsKv.build();
    }
}
