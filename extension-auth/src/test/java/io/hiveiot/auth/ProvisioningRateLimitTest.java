package io.hiveiot.auth;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.hiveiot.kit.secret.SaltedHash;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Provisioning sessions need no credentials, so each address may open only a few per minute. */
class ProvisioningRateLimitTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig("hive-iot-auth", """
                    <hive-iot-auth>
                        <provisioning>
                            <sessions-per-minute>2</sessions-per-minute>
                            <profile>
                                <key>k</key>
                                <secret-hash>%s</secret-hash>
                                <strategy>ALLOW_CREATE_NEW_DEVICES</strategy>
                                <account>demo</account>
                            </profile>
                        </provisioning>
                    </hive-iot-auth>
                    """.formatted(SaltedHash.hash("s", 10_000)))
            .build();

    @Test
    void thirdProvisioningSessionWithinAMinute_isRefusedAsBanned() {
        broker.mqtt5("provision").connect();
        broker.mqtt5("provision").connect();
        final var error = assertThrows(
                Mqtt5ConnAckException.class, () -> broker.mqtt5("provision").connect());
        assertEquals(Mqtt5ConnAckReasonCode.BANNED, error.getMqttMessage().getReasonCode());
    }
}
