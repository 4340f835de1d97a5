package io.hiveiot.kit.api;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.hiveiot.kit.database.StoreOverloadedException;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.topic.TopicSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Consumes an application's requests to one service and answers them. A request is never routed
 * as a plain publish. Since {@code preventPublishDelivery} skips HiveMQ's authorization, the
 * requester's role and account are checked here, from its connection, and the topic must name that
 * account. The request is acknowledged at once and answered when its op completes, so an
 * application may have many requests in flight; a request redelivered with the same request id by
 * the same client is executed and answered once.
 */
public final class ApiRequestInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestInterceptor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiService service;
    private final Counter requests;
    private final Counter errors;
    private final Counter duplicates;
    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /** @param metricPrefix e.g. {@code hive-iot.auth.api.registry.} */
    public ApiRequestInterceptor(final ApiService service, final MetricRegistry metrics, final String metricPrefix) {
        this.service = service;
        this.requests = metrics.counter(metricPrefix + "requests");
        this.errors = metrics.counter(metricPrefix + "errors");
        this.duplicates = metrics.counter(metricPrefix + "duplicates");
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final PublishPacket publish = input.getPublishPacket();
        if (!ApiTopic.isRequestTopicOf(publish.getTopic(), service.name())) {
            return;
        }
        try {
            final ConnectionAttributeStore connection =
                    input.getConnectionInformation().getConnectionAttributeStore();
            final Optional<ClientIdentity> identity = ClientIdentity.readFrom(connection)
                    .filter(client -> client.role() == Role.APP || client.role() == Role.ADMIN);
            if (identity.isEmpty()) {
                refuse(output, AckReasonCode.NOT_AUTHORIZED, "only applications may send requests");
                return;
            }
            final Optional<ApiTopic> topic = ApiTopic.parseRequest(publish.getTopic());
            if (topic.isEmpty()) {
                refuse(
                        output,
                        AckReasonCode.TOPIC_NAME_INVALID,
                        "a request id is 1 to 64 characters of A-Z a-z 0-9 _ . : -");
                return;
            }
            if (!topic.get().account().equals(identity.get().account())) {
                refuse(
                        output,
                        AckReasonCode.NOT_AUTHORIZED,
                        "requests go to your own account: users/"
                                + identity.get().account() + "/api/...");
                return;
            }
            output.preventPublishDelivery();
            final String brokerClientId = input.getClientInformation().getClientId();
            if (seen.asMap().putIfAbsent(brokerClientId + '\u0000' + topic.get().requestId(), true) != null) {
                duplicates.inc();
                return;
            }
            requests.inc();
            handle(
                    identity.get(),
                    TopicSpace.of(identity.get().account(), connection),
                    topic.get(),
                    publish,
                    destination(connection, brokerClientId, topic.get(), publish));
        } catch (final RuntimeException e) {
            log.error("hive-iot: request to service '{}' failed", service.name(), e);
            errors.inc();
            refuse(output, AckReasonCode.UNSPECIFIED_ERROR, "the request could not be handled");
        }
    }

    private void handle(
            final ClientIdentity requester,
            final TopicSpace topicSpace,
            final ApiTopic topic,
            final PublishPacket publish,
            final ApiResponder.Destination destination) {
        final ApiRequest request;
        try {
            request = parse(requester, topicSpace, topic, publish);
        } catch (final ApiException e) {
            errors.inc();
            ApiResponder.fail(destination, e);
            return;
        }
        CompletableFuture<JsonNode> result;
        try {
            result = service.handle(request);
        } catch (final RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            if (error == null) {
                ApiResponder.answer(destination, value);
            } else {
                errors.inc();
                ApiResponder.fail(destination, asApiException(request, error));
            }
        });
    }

    private ApiRequest parse(
            final ClientIdentity requester,
            final TopicSpace topicSpace,
            final ApiTopic topic,
            final PublishPacket publish) {
        final byte[] bytes = PayloadBytes.of(publish.getPayload());
        final JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (final JsonProcessingException e) {
            throw ApiException.badRequest("the request is not valid JSON: {\"op\":..,\"args\":{..}} expected");
        } catch (final IOException e) {
            throw ApiException.badRequest("the request cannot be read");
        }
        if (body == null || !body.isObject() || !body.path("op").isTextual()) {
            throw ApiException.badRequest("the request must be a JSON object with a string \"op\"");
        }
        final JsonNode args = body.path("args");
        if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
            throw ApiException.badRequest("\"args\" must be a JSON object");
        }
        return new ApiRequest(
                requester,
                topic.service(),
                topic.requestId(),
                body.get("op").asText(),
                new Args(args.isObject() ? (ObjectNode) args : JSON.createObjectNode(), "args"),
                DeviceAnnotation.readFrom(publish.getUserProperties()),
                topicSpace);
    }

    /**
     * An MQTT 5 Response Topic is honoured when it lies in the requester's own API namespace (the
     * reply subscription added for it must not open any other topic to the client).
     */
    private static ApiResponder.Destination destination(
            final ConnectionAttributeStore connection,
            final String brokerClientId,
            final ApiTopic topic,
            final PublishPacket publish) {
        final Optional<String> responseTopic = publish.getResponseTopic()
                .filter(candidate -> candidate.startsWith("users/" + topic.account() + "/api/"));
        return responseTopic
                .map(custom -> new ApiResponder.Destination(
                        connection, brokerClientId, custom, custom, publish.getCorrelationData()))
                .orElseGet(() -> new ApiResponder.Destination(
                        connection,
                        brokerClientId,
                        topic.responseTopic(),
                        topic.responseFilter(),
                        publish.getCorrelationData()));
    }

    private ApiException asApiException(final ApiRequest request, final Throwable error) {
        // An op's ApiException may arrive wrapped by the future chain or by the database thread it ran on.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException apiException) {
                return apiException;
            }
            if (cause instanceof StoreOverloadedException) {
                return new ApiException(ApiException.UNAVAILABLE, "the service is overloaded; try again in a moment");
            }
        }
        log.error("hive-iot: op '{}' of service '{}' failed", request.op(), service.name(), error);
        return new ApiException(ApiException.INTERNAL, "the operation failed; the broker log has the details");
    }

    private static void refuse(final PublishInboundOutput output, final AckReasonCode code, final String reason) {
        output.preventPublishDelivery(code, reason);
    }
}
