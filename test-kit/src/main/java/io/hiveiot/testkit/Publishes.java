package io.hiveiot.testkit;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;

import java.nio.charset.StandardCharsets;

/** QoS 1 publishes with their PUBACK, whatever its reason code. */
public final class Publishes {

    private Publishes() {}

    public static Mqtt5PubAck qos1(final Mqtt5BlockingClient client, final String topic, final String payload) {
        try {
            final Mqtt5PublishResult result = client.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck();
        } catch (final Mqtt5PubAckException e) {
            // The blocking client throws for an error code; the PUBACK is what a test asserts on.
            return e.getMqttMessage();
        }
    }
}
