package io.hiveiot.firmware.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A device's MQTT connection, 3.1.1 or 5, behind one interface, so that one device flow runs over both. It keeps
 * every message it receives in one mailbox, as a device's single message callback does.
 */
abstract class Link implements AutoCloseable {

    record Message(String topic, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A QoS 1 publish; the MQTT 5 PUBACK (empty for MQTT 3.1.1, which has none to show). */
    abstract Optional<Mqtt5PubAck> publish(String topic, byte[] payload);

    Optional<Mqtt5PubAck> publish(final String topic, final String payload) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    abstract void subscribe(String filter);

    abstract Optional<Message> receive(long millis) throws InterruptedException;

    abstract boolean connected();

    /** The next message whose topic matches, skipping others; fails after 10 s. */
    Message await(final Predicate<String> topic) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + 10_000;
        final var skipped = new java.util.ArrayList<String>();
        while (System.currentTimeMillis() < deadline) {
            final Optional<Message> message = receive(deadline - System.currentTimeMillis());
            if (message.isPresent() && topic.test(message.get().topic())) {
                return message.get();
            }
            message.ifPresent(m -> skipped.add(m.topic() + " " + m.text()));
        }
        throw new AssertionError("no matching message within 10 s; skipped: " + skipped);
    }

    Message await(final String topic) throws InterruptedException {
        return await(topic::equals);
    }

    static Link of(final Mqtt5BlockingClient client) {
        return new Link() {
            private final Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);

            @Override
            Optional<Mqtt5PubAck> publish(final String topic, final byte[] payload) {
                try {
                    final Mqtt5PublishResult result = client.publishWith()
                            .topic(topic)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload)
                            .send();
                    return Optional.of(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck());
                } catch (final Mqtt5PubAckException e) {
                    return Optional.of(e.getMqttMessage());
                }
            }

            @Override
            void subscribe(final String filter) {
                try {
                    client.subscribeWith()
                            .topicFilter(filter)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send();
                } catch (final Mqtt5SubAckException refused) {
                    // As ThingsBoard's SDKs do, a refused subscription is ignored (see ExampleDevice).
                }
            }

            @Override
            Optional<Message> receive(final long millis) throws InterruptedException {
                return publishes
                        .receive(Math.max(1, millis), TimeUnit.MILLISECONDS)
                        .map(p -> new Message(p.getTopic().toString(), p.getPayloadAsBytes()));
            }

            @Override
            boolean connected() {
                return client.getState().isConnected();
            }

            @Override
            public void close() {
                publishes.close();
            }
        };
    }

    static Link of(final Mqtt3BlockingClient client) {
        return new Link() {
            private final Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);

            @Override
            Optional<Mqtt5PubAck> publish(final String topic, final byte[] payload) {
                client.publishWith()
                        .topic(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(payload)
                        .send();
                return Optional.empty();
            }

            @Override
            void subscribe(final String filter) {
                try {
                    client.subscribeWith()
                            .topicFilter(filter)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send();
                } catch (final Mqtt3SubAckException refused) {
                    // As ThingsBoard's SDKs do, a refused subscription is ignored (see ExampleDevice).
                }
            }

            @Override
            Optional<Message> receive(final long millis) throws InterruptedException {
                return publishes
                        .receive(Math.max(1, millis), TimeUnit.MILLISECONDS)
                        .map(p -> new Message(p.getTopic().toString(), p.getPayloadAsBytes()));
            }

            @Override
            boolean connected() {
                return client.getState().isConnected();
            }

            @Override
            public void close() {
                publishes.close();
            }
        };
    }
}
