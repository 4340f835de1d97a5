package io.hiveiot.auth;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With session eviction off a device keeps one session per client ID it sends. */
class SessionEvictionOffTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig("hive-iot-auth", "<hive-iot-auth><session-eviction>false</session-eviction></hive-iot-auth>")
            .build();

    private static String token;

    @BeforeAll
    static void readFirstRun() throws Exception {
        token = AuthDb.firstRun(broker.dataFolder()).get("device-token");
    }

    @Test
    void sameToken_differentClientIds_bothStayConnected() throws Exception {
        final Mqtt5BlockingClient gateway = connect("gateway");
        final Mqtt5BlockingClient phone = connect("phone");
        Thread.sleep(300);
        assertTrue(gateway.getState().isConnected());
        assertTrue(phone.getState().isConnected());
    }

    @Test
    void sameToken_sameClientId_takesTheSessionOver() throws Exception {
        final Mqtt5BlockingClient first = connect("sensor");
        final Mqtt5BlockingClient second = connect("sensor");
        assertFalse(Await.until(() -> first.getState().isConnected(), connected -> !connected));
        assertTrue(second.getState().isConnected());
    }

    @Test
    void status_becomesInactiveOnlyWithTheLastConnection() throws Exception {
        final var db = new AuthDb(broker);
        final String deviceId = db.deviceId("demo", "demo-device");
        final Mqtt5BlockingClient one = connect("one");
        final Mqtt5BlockingClient two = connect("two");
        Await.until(() -> db.status(deviceId), status -> status.active());
        one.disconnect();
        Thread.sleep(300);
        assertTrue(db.status(deviceId).active(), "a second connection is still open");
        two.disconnect();
        assertFalse(Await.until(() -> db.status(deviceId), status -> !status.active()).active());
    }

    private static Mqtt5BlockingClient connect(final String clientId) {
        final Mqtt5BlockingClient client = broker.mqtt5(clientId);
        client.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        return client;
    }
}
