package io.hiveiot.tracking.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.tracking.TrackingExtensionMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Set;
import java.util.TreeSet;

import static io.hiveiot.tracking.broker.Publishes.TRACKING;
import static io.hiveiot.tracking.broker.Publishes.next;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Without hive-iot-auth and with {@code identity-fallback} on, a client is a DEVICE of account {@code default}
 * named by its client ID: enough for a family of that account.
 */
class IdentityFallbackTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension(Brokers.ID, Brokers.PRIORITY, TrackingExtensionMain::new)
            .extensionConfig(Brokers.ID, """
                    <hive-iot-tracking>
                        <families>
                            <family name="foxtrackr" account="default">
                                <group name="g"><device>12345</device></group>
                            </family>
                        </families>
                        <identity-fallback>true</identity-fallback>
                    </hive-iot-tracking>
                    """)
            .build();

    @Test
    void fallbackDevice_fansOutItsFamilyPublishes_andUnknownTrackersAreRefused() throws Exception {
        final long guarded = broker.metrics()
                .counter("hive-iot.tracking.groups.guarded-connections")
                .getCount();
        final Mqtt5BlockingClient device = broker.mqtt5("12345");
        device.connect();
        final Mqtt5BlockingClient subscriber = broker.mqtt5("watcher");
        subscriber.connect();
        assertEquals(
                guarded + 2,
                broker.metrics()
                        .counter("hive-iot.tracking.groups.guarded-connections")
                        .getCount(),
                "without hive-iot-auth every client may subscribe to #, so each gets the delivery guard");
        try (var received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("foxtrackr/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertFalse(
                    qos1(subscriber, "plain/topic", "x").getReasonCode().isError(),
                    "a family subscription leaves a client without hive-iot-auth allowed everything else");
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(device, "foxtrackr/12345/V3.0/bat", "{}").getReasonCode());
            final var topics = new TreeSet<String>();
            topics.add(next(received).getTopic().toString());
            topics.add(next(received).getTopic().toString());
            assertEquals(Set.of("foxtrackr/12345/V3.0/bat", "foxtrackr/g/V3.0/bat"), topics);
        }
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                qos1(device, TRACKING, "{\"uid\":\"x\",\"key\":\"y\",\"cmd\":\"ping\"}")
                        .getReasonCode());
    }
}
