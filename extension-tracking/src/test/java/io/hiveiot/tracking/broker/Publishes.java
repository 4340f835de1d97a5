package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** QoS 1 publishes over MQTT 5 (test-kit's) and 3.1.1, and received messages as JSON. */
final class Publishes {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRACKING = "iotbind/tracking/demo";

    private Publishes() {}

    static Mqtt5PubAck qos1(final Mqtt5BlockingClient client, final String topic, final String payload) {
        return io.hiveiot.testkit.Publishes.qos1(client, topic, payload);
    }

    /** MQTT 3.1.1 has no reason codes: a PUBACK arrives (the send returns) or the client is disconnected. */
    static void qos1(final Mqtt3BlockingClient client, final String topic, final String payload) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes(payload))
                .send();
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(final Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    static JsonNode json(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message within five seconds. */
    static Mqtt5Publish next(final Mqtt5BlockingClient.Mqtt5Publishes publishes) throws InterruptedException {
        return publishes.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("nothing received"));
    }

    /** Whatever arrives within {@code millis}: for asserting that nothing (more) arrives. */
    static List<Mqtt5Publish> drain(final Mqtt5BlockingClient.Mqtt5Publishes publishes, final long millis)
            throws InterruptedException {
        final var received = new ArrayList<Mqtt5Publish>();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            final Optional<Mqtt5Publish> publish =
                    publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            publish.ifPresent(received::add);
        }
        return received;
    }
}
