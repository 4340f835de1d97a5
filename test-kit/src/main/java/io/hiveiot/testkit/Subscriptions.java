package io.hiveiot.testkit;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;

/** QoS 1 subscriptions with their SUBACK reason code, whatever it is. */
public final class Subscriptions {

    private Subscriptions() {}

    /** The reason code of the SUBACK of one filter: 0x01 granted QoS 1, 0x87 not authorized, ... */
    public static int subscribeCode(final Mqtt5BlockingClient client, final String filter) {
        try {
            return client.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .getReasonCodes()
                    .get(0)
                    .getCode();
        } catch (final Mqtt5SubAckException e) {
            // The blocking client throws for an error code; the SUBACK is what a test asserts on.
            return e.getMqttMessage().getReasonCodes().get(0).getCode();
        }
    }
}
