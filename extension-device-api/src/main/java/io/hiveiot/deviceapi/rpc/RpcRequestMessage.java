package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.kit.thingsboard.RequestTopic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server-side request as the device receives it: {@code {"method":..,"params":..}} on
 * {@code v1/devices/me/rpc/request/{id}}, with no id in the payload (ThingsBoard's shape).
 */
final class RpcRequestMessage {

    /** A request topic: a filter that matches it is the device's subscription to its requests. */
    private static final String SAMPLE_TOPIC = RequestTopic.RPC_REQUEST.topic(0);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RpcRequestMessage() {
    }

    /** Whether a subscription with this filter receives the device's requests ({@code v1/devices/me/rpc/request/+}). */
    static boolean isRequestFilter(final String filter) {
        return TopicFilter.isValid(filter) && new TopicFilter(filter).matches(SAMPLE_TOPIC);
    }

    static @NotNull Publish of(final int requestId, final String method, final String params) {
        final String payload;
        try {
            payload = "{\"method\":" + JSON.writeValueAsString(method) + ",\"params\":" + params + "}";
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
        return Builders.publish()
                .topic(RequestTopic.RPC_REQUEST.topic(requestId))
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
                .contentType("application/json")
                .build();
    }
}
