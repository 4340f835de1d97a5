package io.hiveiot.deviceapi.downlink;

import com.hivemq.extension.sdk.api.services.publish.Publish;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.protobuf.ProtoDownlinks;
import io.hiveiot.deviceapi.session.DeviceRoute;
import io.hiveiot.kit.thingsboard.DeviceProfile.PayloadType;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.TopicFamily;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The messages the server sends a device on its own, as ThingsBoard writes them: shared-attribute pushes and
 * server-side RPC requests, on the topics of the family the device subscribed with and in its payload type, or for a
 * sub-device in its gateway's envelope on {@code v1/gateway/attributes} and {@code v1/gateway/rpc}. QoS 1, as every
 * reply and push of this extension.
 */
public final class Downlinks {

    private final ProtoDownlinks protobuf;

    public Downlinks(final ProtoDownlinks protobuf) {
        this.protobuf = protobuf;
    }

    /** A push of changed ({@code {"k":v}}) or deleted ({@code {"deleted":[..]}}) shared attributes. */
    public Publish attributes(final DeviceRoute route, final List<KeyValue> changed, final Set<String> deleted) {
        if (route instanceof DeviceRoute.ViaGateway sub) {
            if (sub.session().profile().payloadType() == PayloadType.PROTOBUF) {
                return publish(GatewayTopic.ATTRIBUTES, protobuf.gatewayAttributes(sub.name(), changed, deleted));
            }
            return publish(
                    GatewayTopic.ATTRIBUTES,
                    json("{\"device\":" + CompactJson.quote(sub.name()) + ",\"data\":"
                            + attributesJson(changed, deleted) + "}"));
        }
        final TopicFamily family = route.session().attributeFamily();
        if (family.payloadType(route.session().profile()) == PayloadType.PROTOBUF) {
            return publish(family.attributes(), protobuf.attributes(changed, deleted));
        }
        return publish(family.attributes(), json(attributesJson(changed, deleted)));
    }

    /**
     * A server-side RPC request: {@code {"method":..,"params":..}} on the request topic (the id only in the topic), or
     * for a sub-device {@code {"device":..,"data":{"id":..,"method":..,"params":..}}}.
     *
     * @param params JSON text
     */
    public Publish rpcRequest(final DeviceRoute route, final int requestId, final String method, final String params) {
        if (route instanceof DeviceRoute.ViaGateway sub) {
            if (sub.session().profile().payloadType() == PayloadType.PROTOBUF) {
                return publish(GatewayTopic.RPC, protobuf.gatewayRpcRequest(sub.name(), requestId, method, params));
            }
            return publish(
                    GatewayTopic.RPC,
                    json("{\"device\":" + CompactJson.quote(sub.name())
                            + ",\"data\":{\"id\":" + requestId + ",\"method\":" + CompactJson.quote(method)
                            + ",\"params\":" + params + "}}"));
        }
        final TopicFamily family = route.session().rpcFamily();
        if (family.payloadType(route.session().profile()) == PayloadType.PROTOBUF) {
            return publish(
                    family.rpcRequest(requestId),
                    protobuf.rpcRequest(route.session().profile(), requestId, method, params));
        }
        return publish(
                family.rpcRequest(requestId),
                json("{\"method\":" + CompactJson.quote(method) + ",\"params\":" + params + "}"));
    }

    /** The topic a device must have subscribed for {@link #rpcRequest} to reach it, for error messages. */
    public static String rpcRequestFilter(final DeviceRoute route) {
        return route instanceof DeviceRoute.ViaGateway
                ? GatewayTopic.RPC
                : route.session().rpcFamily().rpcRequestFilter();
    }

    private static String attributesJson(final List<KeyValue> changed, final Set<String> deleted) {
        if (deleted.isEmpty()) {
            return KeyValue.toJsonObject(changed);
        }
        final StringJoiner names = new StringJoiner(",", "[", "]");
        deleted.forEach(name -> names.add(CompactJson.quote(name)));
        if (changed.isEmpty()) {
            return "{\"deleted\":" + names + "}";
        }
        final String values = KeyValue.toJsonObject(changed);
        return values.substring(0, values.length() - 1) + ",\"deleted\":" + names + "}";
    }

    private static byte[] json(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Publish publish(final String topic, final byte[] payload) {
        return Replies.publish(topic, payload);
    }
}
