package io.hiveiot.auth;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.hiveiot.auth.connect.ConnectMetrics;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed logins are throttled per (username, client ID) and per address, never per username alone. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThrottlingTest {

    private static final long BAN_MILLIS = 2_000;

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig("hive-iot-auth", """
                    <hive-iot-auth>
                        <throttling>
                            <max-failures>3</max-failures>
                            <max-failures-per-address>8</max-failures-per-address>
                            <window>PT1M</window>
                            <ban>PT2S</ban>
                        </throttling>
                    </hive-iot-auth>
                    """)
            .build();

    @Test
    @Order(1)
    void repeatedFailures_banThatUsernameAndClientId_butNotItsFleet() throws Exception {
        final var db = new AuthDb(broker);
        db.addAccount("fleet", "fleet-secret");
        final AuthDb.Device one = db.addDevice("fleet", "one");
        final AuthDb.Device two = db.addDevice("fleet", "two");
        db.addBasicCredential(one.id(), "fleet", "pw-1", "one", false);
        db.addBasicCredential(two.id(), "fleet", "pw-2", "two", false);
        for (int i = 0; i < 3; i++) {
            assertThrows(Mqtt5ConnAckException.class, () -> connect5("one", "fleet", "wrong"));
        }

        final var banned = assertThrows(Mqtt5ConnAckException.class, () -> connect5("one", "fleet", "pw-1"));
        assertEquals(Mqtt5ConnAckReasonCode.BANNED, banned.getMqttMessage().getReasonCode());
        final var banned3 = assertThrows(
                Mqtt3ConnAckException.class,
                () -> broker.mqtt3("one")
                        .connectWith()
                        .simpleAuth()
                        .username("fleet")
                        .password(bytes("pw-1"))
                        .applySimpleAuth()
                        .send());
        assertEquals(0x05, banned3.getMqttMessage().getReturnCode().getCode());
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                connect5("two", "fleet", "pw-2").getReasonCode(),
                "another device of the same username must not be locked out");
        assertTrue(broker.metrics()
                        .counter(ConnectMetrics.PREFIX + "refused.throttled")
                        .getCount()
                >= 2);

        Thread.sleep(BAN_MILLIS + 200);
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                connect5("one", "fleet", "pw-1").getReasonCode(),
                "the ban ends after its time");
    }

    @Test
    @Order(2)
    void manyFailuresFromOneAddress_banTheAddress() throws Exception {
        final String token = AuthDb.firstRun(broker.dataFolder()).get("device-token");
        // 3 failures of the first test are still counted for this address: 5 more reach the limit of 8.
        for (int i = 0; i < 5; i++) {
            final int attempt = i;
            assertThrows(Mqtt5ConnAckException.class, () -> connect5("guess-" + attempt, "guess-" + attempt, "x"));
        }
        final var banned = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("TbDev")
                        .connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send());
        assertEquals(Mqtt5ConnAckReasonCode.BANNED, banned.getMqttMessage().getReasonCode());

        Thread.sleep(BAN_MILLIS + 200);
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                broker.mqtt5("TbDev")
                        .connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
    }

    private static com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck connect5(
            final String clientId, final String username, final String password) {
        return broker.mqtt5(clientId)
                .connectWith()
                .simpleAuth()
                .username(username)
                .password(bytes(password))
                .applySimpleAuth()
                .send();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
