package io.hiveiot.firmware.broker;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.firmware.FirmwareExtensionMain;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without hive-iot-auth, {@code identity-fallback} makes every client a device of account {@code default}. */
class IdentityFallbackTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension(Brokers.ID, Brokers.PRIORITY, FirmwareExtensionMain::new)
            .extensionConfig(
                    Brokers.ID,
                    "<hive-iot-firmware><identity-fallback>true</identity-fallback>" + "</hive-iot-firmware>")
            .build();

    @Test
    void clientWithoutIdentity_isServedAsADevice_namedByItsClientId() throws Exception {
        final Mqtt5BlockingClient client = broker.mqtt5("bare-device");
        client.connect();
        try (Link link = Link.of(client)) {
            final var device = new ExampleDevice(link);
            assertEquals(
                    Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                    device.requestChunk("1", 0, "512").orElseThrow().getReasonCode());
            assertEquals("NOT_FOUND", link.await("v2/fw/error").text());
            device.report("{\"fw_state\":\"UPDATED\"}");
            assertEquals(
                    1L,
                    Await.until(
                            () -> broker.metrics()
                                    .counter("hive-iot.firmware.rollout.reports")
                                    .getCount(),
                            n -> n == 1));
        }
    }
}
