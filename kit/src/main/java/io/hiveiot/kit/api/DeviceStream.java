package io.hiveiot.kit.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An account's device event stream: every event on {@code users/<account>/devices} (the Sensoro push
 * topic) and on {@code users/<account>/devices/<device>/<event>}, routed normally to the account's
 * applications, as one envelope
 * {@code {"device":..,"deviceId":..,"event":..,"ts":..,"data":{..}}}. Each event kind has one
 * publishing extension.
 */
public final class DeviceStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceStream() {}

    public static ObjectNode data() {
        return JSON.createObjectNode();
    }

    public static CompletableFuture<Void> publish(
            final String account,
            final String device,
            final String deviceId,
            final String event,
            final long ts,
            final ObjectNode data) {
        return publishJson(account, device, deviceId, event, ts, data.toString());
    }

    /**
     * As {@link #publish}, with {@code data} already written as a JSON object: the hot paths (telemetry) write
     * their values as text once instead of building a tree and serializing it again.
     */
    public static CompletableFuture<Void> publishJson(
            final String account,
            final String device,
            final String deviceId,
            final String event,
            final long ts,
            final String dataJson) {
        final String envelope = "{\"device\":" + quoted(device) + ",\"deviceId\":" + quoted(deviceId) + ",\"event\":"
                + quoted(event) + ",\"ts\":" + ts + ",\"data\":" + dataJson + "}";
        final byte[] payload = envelope.getBytes(StandardCharsets.UTF_8);
        final String accountTopic = "users/" + account + "/devices";
        return CompletableFuture.allOf(
                Services.publishService().publish(event(accountTopic, payload)),
                Services.publishService().publish(event(accountTopic + "/" + device + "/" + event, payload)));
    }

    private static String quoted(final String text) {
        final StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"').toString();
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
