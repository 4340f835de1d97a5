package io.hiveiot.tracking.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.hiveiot.tracking.broker.Publishes.TRACKING;
import static io.hiveiot.tracking.broker.Publishes.json;
import static io.hiveiot.tracking.broker.Publishes.next;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static io.hiveiot.tracking.broker.Publishes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both built zips unpacked into the extensions folder and loaded through HiveMQ's own isolated class loaders:
 * the identity hive-iot-auth writes reaches this extension across class loaders, its request annotator runs
 * first, and each extension bundles its own SQLite for its own file.
 */
class TrackingPackagedIT {

    private static final Path ZIP =
            Path.of(System.getProperty("hive-iot.extension.zip", "target/hive-iot-tracking-0.1.0-SNAPSHOT.zip"));

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .extensionZip(Brokers.authZip())
            .extensionZip(ZIP)
            .extensionConfig(Brokers.ID, """
                    <hive-iot-tracking>
                        <families>
                            <family name="foxtrackr" account="demo">
                                <group name="my_group_name"><device>12345</device></group>
                            </family>
                        </families>
                    </hive-iot-tracking>
                    """)
            .build();

    private final Clients clients = new Clients(broker);

    @Test
    void zip_holdsTheExtensionFolderHiveMqExpects() throws Exception {
        final Path folder = broker.extensionsFolder().resolve(Brokers.ID);
        for (final String file : new String[] {
            "hivemq-extension.xml",
            "hive-iot-tracking-0.1.0-SNAPSHOT.jar",
            "conf/config.xml",
            "conf/config.xsd",
            "README.md"
        }) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        assertTrue(
                broker.metrics().getMetrics().containsKey("hive-iot.tracking.messages.update"),
                "the extension must have started from its zip");
        assertTrue(broker.database("tracking").exists());
    }

    @Test
    void seedMessages_andGroupFanOut_acrossBothPackagedExtensions() throws Exception {
        final var args = ApiClient.args().put("uid", "Device UniqueID").put("key", "Device API secret key");
        args.putObject("publish").put("enabled", true).put("topic", "accounts/demo/seed");
        clients.tracker(clients.demo(), args);
        final Mqtt5BlockingClient device = clients.mqtt5(clients.device(clients.demo(), "12345"));
        final Mqtt5BlockingClient subscriber = clients.mqtt5(clients.device(clients.demo()));
        try (var received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("accounts/demo/seed")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            subscriber
                    .subscribeWith()
                    .topicFilter("foxtrackr/+/V3.0/bat")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS, qos1(device, TRACKING, """
                    {
                        "uid":"Device UniqueID",
                        "key":"Device API secret key",
                        "cmd":"ping"
                    }""").getReasonCode());
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                                    device,
                                    TRACKING,
                                    "{\"uid\":\"Device UniqueID\",\"key\":\"Device API secret key\",\"longitude\":\"17.6359479\","
                                            + "\"latitude\":\"44.5318535\"}")
                            .getReasonCode());
            assertEquals(
                    "17.6359479", json(text(next(received))).get("longitude").asText());

            qos1(device, "foxtrackr/12345/V3.0/bat", "{\"battery\":{}}");
            final var topics = new java.util.TreeSet<String>();
            topics.add(next(received).getTopic().toString());
            topics.add(next(received).getTopic().toString());
            assertEquals(java.util.Set.of("foxtrackr/12345/V3.0/bat", "foxtrackr/my_group_name/V3.0/bat"), topics);
        }
    }
}
