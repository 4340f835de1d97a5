package io.hiveiot.deviceapi.broker;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both built zips unpacked into the extensions folder and loaded through HiveMQ's own isolated class loaders:
 * the identity hive-iot-auth writes reaches this extension across class loaders, and each bundles its own SQLite.
 */
class DeviceApiPackagedIT {

    private static final Path ZIP =
            Path.of(System.getProperty("hive-iot.extension.zip", "target/hive-iot-device-api-0.1.0-SNAPSHOT.zip"));

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .extensionZip(Brokers.authZip())
            .extensionZip(ZIP)
            .build();

    @Test
    void zip_holdsTheExtensionFolderHiveMqExpects() throws Exception {
        final Path folder = broker.extensionsFolder().resolve(Brokers.ID);
        for (final String file : new String[] {
            "hivemq-extension.xml",
            "hive-iot-device-api-0.1.0-SNAPSHOT.jar",
            "conf/config.xml",
            "conf/config.xsd",
            "README.md"
        }) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        assertTrue(
                broker.metrics().getMetrics().containsKey("hive-iot.device-api.telemetry.messages"),
                "the extension must have started from its zip");
        assertTrue(broker.database("device-data").exists());
    }

    @Test
    void tokenDevice_telemetryAndAttributeRequest_acrossBothPackagedExtensions() throws Exception {
        final String token = Devices.firstRun(broker.dataFolder()).get("device-token");
        final Mqtt5BlockingClient device = broker.mqtt5("TbDev");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        final long before =
                broker.metrics().counter("hive-iot.device-api.telemetry.points").getCount();
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(device, "v1/devices/me/telemetry", "{\"temperature\":25}").getReasonCode());
        assertEquals(
                before + 1,
                broker.metrics().counter("hive-iot.device-api.telemetry.points").getCount());

        try (var received = device.publishes(MqttGlobalPublishFilter.ALL)) {
            qos1(device, "v1/devices/me/attributes", "{\"model\":\"T1\"}");
            qos1(device, "v1/devices/me/attributes/request/1", "{}");
            final var answer = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals(
                    "v1/devices/me/attributes/response/1", answer.getTopic().toString());
            assertEquals(
                    "{\"client\":{\"model\":\"T1\"}}", new String(answer.getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
    }
}
