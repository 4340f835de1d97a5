package io.hiveiot.deviceapi.device;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.payload.AttributeRequest;
import io.hiveiot.deviceapi.payload.AttributeRequestParser;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.RequestIds;
import io.hiveiot.kit.thingsboard.RequestTopic;
import io.hiveiot.kit.api.ReplySubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.identity.ConnectionAttributes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code v1/devices/me/attributes/request/{id}}: reads the selected attributes and answers on
 * {@code v1/devices/me/attributes/response/{id}} to this one client, whether or not it subscribed (ThingsBoard
 * answers regardless), through a reply subscription added once per connection. A QoS 1/2 request is acknowledged
 * once the read is done and the answer handed to the broker; the handler never waits for the delivery, which runs
 * in the same per-client queue as this interceptor. A negative id gets no answer, as in ThingsBoard.
 */
final class AttributeRequestHandler implements TopicHandler {

    static final String RESPONSE_FILTER = DeviceTopic.ATTRIBUTE_RESPONSE_PREFIX + "+";

    private static final Logger log = LoggerFactory.getLogger(AttributeRequestHandler.class);

    private final AttributeRequestParser parser;
    private final AttributeStore store;
    private final DeviceApiMetrics metrics;

    AttributeRequestHandler(final AttributeRequestParser parser, final AttributeStore store,
                            final DeviceApiMetrics metrics) {
        this.parser = parser;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Work parse(final DevicePublish publish) throws BadPayloadException {
        final int id = RequestIds.of(RequestTopic.ATTRIBUTE_REQUEST, publish.topic());
        final AttributeRequest request = parser.parse(publish.payload());
        return () -> {
            metrics.attributeRequests.inc();
            if (id < 0) {
                return CompletableFuture.completedFuture(null);
            }
            return store.get(publish.device().deviceId(), request.client(), request.shared())
                    .thenAccept(attributes -> reply(publish, id, AttributeResponse.json(attributes, request.shared(),
                            publish.connection().getAsString(ConnectionAttributes.FIRMWARE_KEYS))));
        };
    }

    private static void reply(final DevicePublish publish, final int id, final String json) {
        final var response = Builders.publish()
                .topic(DeviceTopic.ATTRIBUTE_RESPONSE_PREFIX + id)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
                .build();
        final String clientId = publish.brokerClientId();
        ReplySubscriptions.ensure(publish.connection(), clientId, RESPONSE_FILTER)
                .thenCompose(added -> Services.publishService().publishToClient(response, clientId))
                .whenComplete((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug("hive-iot-device-api: attribute response {} to {} not sent: {}", id, clientId,
                                failure != null ? failure.toString() : result);
                    }
                });
    }
}
