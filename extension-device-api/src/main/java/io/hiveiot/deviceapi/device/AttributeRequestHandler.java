package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.attributes.Attributes;
import io.hiveiot.deviceapi.downlink.Replies;
import io.hiveiot.deviceapi.payload.AttributeRequest;
import io.hiveiot.deviceapi.payload.AttributeRequestParser;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.protobuf.ProtoDownlinks;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.kit.api.ReplySubscriptions;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * {@code v1/devices/me/attributes/request/{id}} ({@code v2/a/req/{id}}): reads the selected attributes and answers on
 * the response topic of the request's family to this one client, whether or not it subscribed (ThingsBoard answers
 * regardless), through a reply subscription added once per connection. A Protocol Buffers request is ThingsBoard's
 * fixed {@code AttributesRequest} and its answer a {@code GetAttributeResponseMsg}. A QoS 1/2 request is
 * acknowledged once the read is done and the answer handed to the broker; the handler never waits for the
 * delivery, which runs in the same per-client queue as this interceptor. A negative id gets no answer, as in
 * ThingsBoard.
 */
final class AttributeRequestHandler implements TopicHandler {

    private static final Logger log = LoggerFactory.getLogger(AttributeRequestHandler.class);

    private final AttributeRequestParser parser;
    private final ProtoPayloads protobuf;
    private final ProtoDownlinks protobufAnswers;
    private final AttributeStore store;
    private final DeviceApiMetrics metrics;

    AttributeRequestHandler(
            final AttributeRequestParser parser,
            final ProtoPayloads protobuf,
            final ProtoDownlinks protobufAnswers,
            final AttributeStore store,
            final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.protobuf = protobuf;
        this.protobufAnswers = protobufAnswers;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final int id = publish.requestId();
        final boolean proto = publish.payloadType() == DeviceProfile.PayloadType.PROTOBUF;
        final AttributeRequest request = proto
                ? parser.parse(asJson(protobuf.attributeRequest(publish.payload())))
                : parser.parse(publish.payload());
        return () -> {
            metrics.attributeRequests.inc();
            if (id < 0) {
                return CompletableFuture.completedFuture(null);
            }
            return store.get(publish.device().deviceId(), request.client(), request.shared())
                    .thenAccept(attributes -> reply(publish, id, answer(publish, proto, id, request, attributes)));
        };
    }

    private byte[] answer(
            final DevicePublish publish,
            final boolean proto,
            final int id,
            final AttributeRequest request,
            final Attributes attributes) {
        final var firmware = publish.connection().getAsString(ConnectionAttributes.FIRMWARE_KEYS);
        if (proto) {
            return protobufAnswers.attributeResponse(
                    id,
                    attributes.client(),
                    AttributeResponse.sharedWithFirmware(attributes, request.shared(), firmware));
        }
        return AttributeResponse.json(attributes, request.shared(), firmware).getBytes(StandardCharsets.UTF_8);
    }

    /** The fixed message's key lists as the JSON request they stand for. */
    private static byte[] asJson(final Map<String, String> keys) {
        final StringJoiner json = new StringJoiner(",", "{", "}");
        keys.forEach((name, list) -> json.add(CompactJson.quote(name) + ":" + CompactJson.quote(list)));
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(final DevicePublish publish, final int id, final byte[] payload) {
        final Publish response = Replies.publish(publish.family().attributeResponse(id), payload);
        final String clientId = publish.brokerClientId();
        ReplySubscriptions.ensure(
                        publish.connection(), clientId, publish.family().attributeResponseFilter())
                .thenCompose(added -> Services.publishService().publishToClient(response, clientId))
                .whenComplete((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug(
                                "hive-iot-device-api: attribute response {} to {} not sent: {}",
                                id,
                                clientId,
                                failure != null ? failure.toString() : result);
                    }
                });
    }
}
