package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.downlink.Replies;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.payload.GatewayParser;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.protobuf.ProtoDownlinks;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.kit.api.ReplySubscriptions;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code v1/gateway/attributes/request}: {@code {"id":1,"device":"A","client":true,"key":"k"}} or
 * {@code "keys":[..]}, answered on {@code v1/gateway/attributes/response} as ThingsBoard answers:
 * {@code {"id":1,"device":"A","value":v}} for one {@code key} found, {@code "values":{..}} for {@code keys}, no value
 * for nothing found. {@code "keys":[]} asks for every client and shared attribute, whatever {@code client} says.
 * The sub-device's {@code fw_*} / {@code sw_*} keys, which hive-iot-firmware attached, are shared attributes here as
 * in a device's own answer.
 * A PROTOBUF gateway sends {@code GatewayAttributesRequestMsg} and gets {@code GatewayAttributeResponseMsg}.
 */
final class GatewayAttributeRequestHandler implements TopicHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayAttributeRequestHandler.class);

    private final GatewayParser parser;
    private final ProtoPayloads protobuf;
    private final ProtoDownlinks protobufAnswers;
    private final AttributeStore store;
    private final SubDeviceLinks links;
    private final DeviceApiMetrics metrics;

    GatewayAttributeRequestHandler(
            final GatewayParser parser,
            final ProtoPayloads protobuf,
            final ProtoDownlinks protobufAnswers,
            final AttributeStore store,
            final SubDeviceLinks links,
            final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.protobuf = protobuf;
        this.protobufAnswers = protobufAnswers;
        this.store = store;
        this.links = links;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final boolean proto = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF;
        final GatewayParser.AttributeRequest request;
        if (proto) {
            final var message = protobuf.gatewayAttributeRequest(publish.payload());
            request = new GatewayParser.AttributeRequest(
                    message.id(), message.device(), message.client(), message.keys(), true);
        } else {
            request = parser.attributeRequest(publish.payload());
        }
        final ClientIdentity device = links.resolve(publish, request.device());
        final boolean everything = request.keys().isEmpty();
        final KeySelection keys = everything ? KeySelection.ALL : KeySelection.of(request.keys());
        final KeySelection shared = everything || !request.client() ? keys : KeySelection.NONE;
        return () -> {
            metrics.attributeRequests.inc();
            links.connected(publish, List.of(device));
            final KeySelection client = everything || request.client() ? keys : KeySelection.NONE;
            return store.get(device.deviceId(), client, shared).thenAccept(found -> {
                final List<KeyValue> values = new ArrayList<>(found.client());
                values.addAll(AttributeResponse.sharedWithFirmware(found, shared, publish.subDeviceFirmware()));
                final byte[] payload = proto
                        ? protobufAnswers.gatewayAttributeResponse(
                                request.device(), request.id(), request.client(), values, request.multiple())
                        : json(request, values).getBytes(StandardCharsets.UTF_8);
                reply(publish, payload);
            });
        };
    }

    private static String json(final GatewayParser.AttributeRequest request, final List<KeyValue> values) {
        final StringBuilder json = new StringBuilder("{\"id\":")
                .append(request.id())
                .append(",\"device\":")
                .append(CompactJson.quote(request.device()));
        if (values.size() == 1 && !request.multiple()) {
            json.append(",\"value\":").append(values.get(0).value().toJson());
        } else if (!values.isEmpty()) {
            json.append(",\"values\":").append(KeyValue.toJsonObject(values));
        }
        return json.append('}').toString();
    }

    private static void reply(final DevicePublish publish, final byte[] payload) {
        final String clientId = publish.brokerClientId();
        ReplySubscriptions.ensure(publish.connection(), clientId, GatewayTopic.ATTRIBUTES_RESPONSE)
                .thenCompose(added -> Services.publishService()
                        .publishToClient(Replies.publish(GatewayTopic.ATTRIBUTES_RESPONSE, payload), clientId))
                .whenComplete((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug(
                                "hive-iot-device-api: gateway attribute response to {} not sent: {}",
                                clientId,
                                failure != null ? failure.toString() : result);
                    }
                });
    }
}
