package io.hiveiot.deviceapi.broker;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.deviceapi.DeviceApiExtensionMain;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.hiveiot.testkit.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Without hive-iot-auth, and only with {@code identity-fallback} on, a client is a device of account
 * {@code default} whose name and id are its client ID (the embedded broker lets unauthenticated clients in).
 */
class IdentityFallbackTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension(Brokers.ID, 100, DeviceApiExtensionMain::new)
            .extensionConfig(
                    Brokers.ID,
                    "<hive-iot-device-api><identity-fallback>true</identity-fallback>" + "</hive-iot-device-api>")
            .build();

    @Test
    void clientWithoutIdentity_isADeviceKeyedByItsClientId() throws Exception {
        final Mqtt5BlockingClient client = broker.mqtt5("sensor-7");
        client.connect();
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(client, "v1/devices/me/telemetry", "{\"temperature\":25}").getReasonCode());
        assertEquals(List.of("temperature=25"), new DeviceData(broker).historyValues("sensor-7"));
    }
}
