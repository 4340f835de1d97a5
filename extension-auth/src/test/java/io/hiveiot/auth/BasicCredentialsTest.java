package io.hiveiot.auth;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Username/password CONNECTs of the seed platforms, and what applications may do. */
class BasicCredentialsTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    private static AuthDb db;
    private static Map<String, String> firstRun;

    @BeforeAll
    static void setUp() throws Exception {
        db = new AuthDb(broker);
        firstRun = AuthDb.firstRun(broker.dataFolder());
    }

    @Test
    void thingsBoardBasic_clientIdUsernamePassword_isAccepted_v3AndV5() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "tb-basic");
        db.addBasicCredential(device.id(), "tb-user", "tb-pass", "tb-client", false);

        assertEquals(
                Mqtt3ConnAckReturnCode.SUCCESS,
                connect3("tb-client", "tb-user", "tb-pass").getReturnCode());
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                connect5("tb-client", "tb-user", "tb-pass").getReasonCode());
    }

    @Test
    void basic_wrongPassword_isRefusedAsBadCredentials() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "wrong-pass");
        db.addBasicCredential(device.id(), "wp-user", "right", "wp-client", false);

        final var v3 = assertThrows(Mqtt3ConnAckException.class, () -> connect3("wp-client", "wp-user", "wrong"));
        assertEquals(0x05, v3.getMqttMessage().getReturnCode().getCode());
        final var v5 = assertThrows(Mqtt5ConnAckException.class, () -> connect5("wp-client", "wp-user", "wrong"));
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                v5.getMqttMessage().getReasonCode());
    }

    @Test
    void basic_clientIdNotAllowed_isRefusedExactlyLikeAWrongPasswordOrAnUnknownUser() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "pinned-client");
        db.addBasicCredential(device.id(), "pin-user", "pin-pass", "the-only-client", false);

        // a wrong client ID must not tell that the username exists
        for (final String[] attempt : new String[][] {
            {"another", "pin-user", "pin-pass"},
            {"the-only-client", "pin-user", "wrong"},
            {"the-only-client", "nobody", "pin-pass"}
        }) {
            final var v3 =
                    assertThrows(Mqtt3ConnAckException.class, () -> connect3(attempt[0], attempt[1], attempt[2]));
            assertEquals(0x05, v3.getMqttMessage().getReturnCode().getCode(), String.join(",", attempt));
            final var v5 =
                    assertThrows(Mqtt5ConnAckException.class, () -> connect5(attempt[0], attempt[1], attempt[2]));
            assertEquals(
                    Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    v5.getMqttMessage().getReasonCode());
            assertEquals(
                    "unknown access token, or wrong username or password",
                    v5.getMqttMessage().getReasonString().orElseThrow().toString());
        }
    }

    @Test
    void thingsBoardBasic_clientIdAlone_connectsWithoutUsernameAndPassword() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "tb-client-only");
        db.addBasicCredential(device.id(), null, null, "tb-only-client", false);

        final Mqtt5BlockingClient v5 = broker.mqtt5("tb-only-client");
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, v5.connect().getReasonCode());
        v5.disconnect();
        assertEquals(
                Mqtt3ConnAckReturnCode.SUCCESS,
                broker.mqtt3("tb-only-client").connect().getReturnCode());
        final var unknown = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("tb-other-client").connect());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                unknown.getMqttMessage().getReasonCode());
        // a credential of a client ID alone is for CONNECTs without a username only
        assertThrows(Mqtt5ConnAckException.class, () -> connect5("tb-only-client", "someone", "x"));
    }

    @Test
    void thingsBoardBasic_usernameWithoutPassword_connectsWithoutOne_andWithAny() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "tb-no-password");
        db.addBasicCredential(device.id(), "tb-nopass-user", null, null, false);

        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                broker.mqtt5("np-1")
                        .connectWith()
                        .simpleAuth()
                        .username("tb-nopass-user")
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
        assertEquals(
                Mqtt3ConnAckReturnCode.SUCCESS,
                broker.mqtt3("np-2")
                        .connectWith()
                        .simpleAuth()
                        .username("tb-nopass-user")
                        .applySimpleAuth()
                        .send()
                        .getReturnCode());
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                connect5("np-3", "tb-nopass-user", "anything").getReasonCode());
    }

    @Test
    void basic_withPassword_refusesAConnectWithoutOne() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "needs-password");
        db.addBasicCredential(device.id(), "needs-pass-user", "secret-1", null, false);
        final var v5 = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("np-x")
                        .connectWith()
                        .simpleAuth()
                        .username("needs-pass-user")
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                v5.getMqttMessage().getReasonCode());
    }

    @Test
    void thinger_accountAsUsername_deviceAsClientId_eachDeviceItsOwnPassword() throws Exception {
        db.addAccount("thinger", "thinger-app-secret");
        final AuthDb.Device one = db.addDevice("thinger", "thermostat-1");
        final AuthDb.Device two = db.addDevice("thinger", "thermostat-2");
        db.addBasicCredential(one.id(), "thinger", "cred-1", "thermostat-1", false);
        db.addBasicCredential(two.id(), "thinger", "cred-2", "thermostat-2", false);
        // added before the first CONNECT of the username: these direct writes bypass the registry's cache clearing
        final AuthDb.Device three = db.addDevice("thinger", "thermostat-3");
        db.addBasicCredential(three.id(), "thinger", "cred-3", "thermostat-3", false);

        final Mqtt5BlockingClient first = broker.mqtt5("thermostat-1");
        first.connectWith()
                .simpleAuth()
                .username("thinger")
                .password(bytes("cred-1"))
                .applySimpleAuth()
                .send();
        final Mqtt5BlockingClient second = broker.mqtt5("thermostat-2");
        second.connectWith()
                .simpleAuth()
                .username("thinger")
                .password(bytes("cred-2"))
                .applySimpleAuth()
                .send();
        assertTrue(
                first.getState().isConnected() && second.getState().isConnected(),
                "a fleet sharing one username must not collide");
        assertThrows(Mqtt5ConnAckException.class, () -> connect5("thermostat-1", "thinger", "cred-2"));
        assertEquals(
                Mqtt3ConnAckReturnCode.SUCCESS,
                connect3("thermostat-3", "thinger", "cred-3").getReturnCode());
        assertEquals(
                0x05,
                assertThrows(Mqtt3ConnAckException.class, () -> connect3("thermostat-3", "thinger", "cred-1"))
                        .getMqttMessage()
                        .getReturnCode()
                        .getCode());
    }

    @Test
    void clientIdRegex_withUsernameSubstitutedLiterally() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "foxtrackr-1");
        db.addBasicCredential(device.id(), "fox.user", "fox-pass", "^id-${username}-[0-9]+$", true);

        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                connect5("id-fox.user-7", "fox.user", "fox-pass").getReasonCode());
        assertEquals(
                Mqtt3ConnAckReturnCode.SUCCESS,
                connect3("id-fox.user-8", "fox.user", "fox-pass").getReturnCode());
        assertEquals(
                0x05,
                assertThrows(Mqtt3ConnAckException.class, () -> connect3("id-fox.user-x", "fox.user", "fox-pass"))
                        .getMqttMessage()
                        .getReturnCode()
                        .getCode());
        // the dot of the username is literal, not "any character"
        final var error =
                assertThrows(Mqtt5ConnAckException.class, () -> connect5("id-foxXuser-7", "fox.user", "fox-pass"));
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                error.getMqttMessage().getReasonCode());
    }

    @Test
    void sensoroApplication_severalClientsOfOneAppIdAtOnce() throws Exception {
        final String secret = firstRun.get("app-secret");
        final Mqtt5BlockingClient main = broker.mqtt5("demo");
        main.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(secret))
                .applySimpleAuth()
                .send();
        final Mqtt5BlockingClient worker = broker.mqtt5("demo/worker-1");
        worker.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(secret))
                .applySimpleAuth()
                .send();
        Thread.sleep(200);
        assertTrue(main.getState().isConnected() && worker.getState().isConnected());

        final var error = assertThrows(Mqtt5ConnAckException.class, () -> connect5("demo-x", "demo", secret));
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                error.getMqttMessage().getReasonCode());
        assertEquals(
                Mqtt3ConnAckReturnCode.SUCCESS,
                connect3("demo/v3-worker", "demo", secret).getReturnCode());
        assertEquals(
                0x05,
                assertThrows(Mqtt3ConnAckException.class, () -> connect3("demo-x", "demo", secret))
                        .getMqttMessage()
                        .getReturnCode()
                        .getCode());
        assertThrows(Mqtt5ConnAckException.class, () -> connect5("demo/w2", "demo", "wrong-secret"));
    }

    @Test
    void application_mayReadItsAccountsStreamsAndSendRequests_butNotMore() throws Exception {
        db.addAccount("other", "other-secret");
        final Mqtt5BlockingClient app = broker.mqtt5("demo/perm");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(firstRun.get("app-secret")))
                .applySimpleAuth()
                .send();

        assertEquals(0x01, subscribeCode(app, "users/demo/devices"));
        assertEquals(0x01, subscribeCode(app, "users/demo/devices/#"));
        assertEquals(0x01, subscribeCode(app, "$share/backend/users/demo/devices/#"));
        assertEquals(0x01, subscribeCode(app, "users/demo/api/+/response/+"));
        assertEquals(0x87, subscribeCode(app, "users/other/devices/#"));
        assertEquals(0x87, subscribeCode(app, "users/demo/api/+/request/+"));
        assertEquals(0x87, subscribeCode(app, "v1/devices/me/#"));
        assertEquals(0x87, subscribeCode(app, "#"));

        app.publishWith()
                .topic("users/demo/api/registry/request/1")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("{}"))
                .send();
        final var fake = assertThrows(
                Mqtt5PubAckException.class,
                () -> app.publishWith()
                        .topic("users/demo/devices")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{}"))
                        .send());
        assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, fake.getMqttMessage().getReasonCode());
    }

    @Test
    void application_ofAnotherAccount_cannotSubscribeToThisOne() throws Exception {
        db.addAccount("tenant-b", "b-secret");
        final Mqtt5BlockingClient app = broker.mqtt5("tenant-b");
        app.connectWith()
                .simpleAuth()
                .username("tenant-b")
                .password(bytes("b-secret"))
                .applySimpleAuth()
                .send();
        assertEquals(0x87, subscribeCode(app, "users/demo/devices/#"));
        assertEquals(0x87, subscribeCode(app, "users/+/devices/#"));
        assertEquals(0x01, subscribeCode(app, "users/tenant-b/devices/#"));
    }

    @Test
    void basicDevice_withAnyClientId_newConnectionWithAnotherClientId_evictsTheOlder() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "roaming");
        db.addBasicCredential(device.id(), "roam-user", "roam-pass", null, false);
        final Mqtt3BlockingClient first = broker.mqtt3("roam-a");
        first.connectWith()
                .simpleAuth()
                .username("roam-user")
                .password(bytes("roam-pass"))
                .applySimpleAuth()
                .send();
        final Mqtt3BlockingClient second = broker.mqtt3("roam-b");
        second.connectWith()
                .simpleAuth()
                .username("roam-user")
                .password(bytes("roam-pass"))
                .applySimpleAuth()
                .send();

        assertFalse(Await.until(() -> first.getState().isConnected(), connected -> !connected));
        assertTrue(second.getState().isConnected());
        assertTrue(Await.until(() -> db.status(device.id()), status -> status != null && status.active())
                .active());
    }

    @Test
    void basicDevice_revoked_isRefusedAsNotAuthorized() throws Exception {
        final AuthDb.Device device = db.addDevice("demo", "revoked-basic");
        final String credential = db.addBasicCredential(device.id(), "rev-user", "rev-pass", null, false);
        db.execute("UPDATE basic_credential SET revoked_at = 1 WHERE id = ?", credential);
        final var error = assertThrows(Mqtt5ConnAckException.class, () -> connect5("rev", "rev-user", "rev-pass"));
        assertEquals(
                Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, error.getMqttMessage().getReasonCode());
    }

    @Test
    void token_withAnyPassword_stillWorks() {
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                connect5("TbDev", firstRun.get("device-token"), "whatever").getReasonCode());
    }

    private static com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck connect3(
            final String clientId, final String username, final String password) {
        return broker.mqtt3(clientId)
                .connectWith()
                .simpleAuth()
                .username(username)
                .password(bytes(password))
                .applySimpleAuth()
                .send();
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
