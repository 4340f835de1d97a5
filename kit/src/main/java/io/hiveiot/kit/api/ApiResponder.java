package io.hiveiot.kit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes an answer to the one application client that asked ({@code publishToClient}), as
 * {@code {"ok":true,"result":..}} or {@code {"ok":false,"error":{"code":..,"message":..}}}. The
 * client gets its answer even if it did not subscribe to the response topic: the subscription is
 * added for it once per connection, before the first answer, since {@code publishToClient} delivers
 * nothing to a client without a matching subscription.
 */
final class ApiResponder {

    private static final Logger log = LoggerFactory.getLogger(ApiResponder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where an answer goes: the default response topic, or an MQTT 5 response topic with correlation data. */
    record Destination(
            ConnectionAttributeStore connection,
            String brokerClientId,
            String topic,
            String subscriptionFilter,
            Optional<ByteBuffer> correlation) {}

    private ApiResponder() {}

    static void answer(final Destination destination, final JsonNode result) {
        final ObjectNode body = JSON.createObjectNode().put("ok", true);
        body.set("result", result);
        publish(destination, body);
    }

    static void fail(final Destination destination, final ApiException error) {
        final ObjectNode body = JSON.createObjectNode().put("ok", false);
        body.putObject("error").put("code", error.code()).put("message", error.getMessage());
        publish(destination, body);
    }

    private static void publish(final Destination destination, final ObjectNode body) {
        final byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        final var builder = Builders.publish()
                .topic(destination.topic())
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload))
                .contentType("application/json");
        destination.correlation().ifPresent(builder::correlationData);
        final CompletableFuture<Void> subscribed = ReplySubscriptions.ensure(
                destination.connection(), destination.brokerClientId(), destination.subscriptionFilter());
        subscribed
                .thenCompose(ignored ->
                        Services.publishService().publishToClient(builder.build(), destination.brokerClientId()))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.debug(
                                "hive-iot: answer to {} not delivered: {}",
                                destination.brokerClientId(),
                                error.toString());
                    } else if (result != PublishToClientResult.SUCCESSFUL) {
                        log.debug("hive-iot: answer to {} not delivered: {}", destination.brokerClientId(), result);
                    }
                });
    }
}
