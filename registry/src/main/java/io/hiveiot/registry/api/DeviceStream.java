package io.hiveiot.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * An account's device event stream: every event on {@code users/<account>/devices} (the Sensoro push
 * topic) and on {@code users/<account>/devices/<device>/<event>}, routed normally to the account's
 * applications, as one envelope
 * {@code {"device":..,"deviceId":..,"event":..,"ts":..,"data":{..}}}. Each event kind has one
 * publishing extension (DESIGN.md §6).
 */
public final class DeviceStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceStream() {
    }

    public static ObjectNode data() {
        return JSON.createObjectNode();
    }

    public static CompletableFuture<Void> publish(final String account, final String device, final String deviceId,
                                                  final String event, final long ts, final ObjectNode data) {
        final ObjectNode envelope = JSON.createObjectNode()
                .put("device", device)
                .put("deviceId", deviceId)
                .put("event", event)
                .put("ts", ts);
        envelope.set("data", data);
        final byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(envelope);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        final String accountTopic = "users/" + account + "/devices";
        return CompletableFuture.allOf(
                Services.publishService().publish(event(accountTopic, payload)),
                Services.publishService().publish(event(accountTopic + "/" + device + "/" + event, payload)));
    }

    private static Publish event(final String topic, final byte[] payload) {
        return Builders.publish()
                .topic(topic)
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload))
                .contentType("application/json")
                .build();
    }
}
