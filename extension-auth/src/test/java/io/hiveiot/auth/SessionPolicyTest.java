package io.hiveiot.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions are decided per credential: a client ID pattern (foxtrackr's {@code id-<login>-nn}) allows one session
 * per client ID and never evicts the login's other clients; a token or an exact client ID keeps one session per
 * device; a credential may name its policy.
 */
class SessionPolicyTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    private ApiClient api;

    /** The broker disconnects its clients after each test. */
    @BeforeEach
    void connectApplication() throws Exception {
        final Mqtt5BlockingClient app;
        app = broker.mqtt5("demo/session-policy");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(AuthDb.firstRun(broker.dataFolder()).get("app-secret")))
                .applySimpleAuth()
                .send();
        api = new ApiClient(app, "demo");
    }

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void clientIdPattern_twoClientsOfOneLogin_neitherEvictsTheOther_andDeviceGetShowsThePolicy() throws Exception {
        create("fox-login", basic("given", "fox-secret", "^id-${username}-[0-9]{2}$", true));
        final Mqtt5BlockingClient first = connect("id-given-01", "given", "fox-secret");
        final Mqtt5BlockingClient second = connect("id-given-02", "given", "fox-secret");
        final Mqtt5BlockingClient third = connect("id-given-03", "given", "fox-secret");
        for (int i = 0; i < 10; i++) {
            Thread.sleep(100);
            assertTrue(
                    first.getState().isConnected()
                            && second.getState().isConnected()
                            && third.getState().isConnected(),
                    "clients of a shared login must never evict each other");
        }
        // the same client ID again takes over only its own session
        final Mqtt5BlockingClient firstAgain = connect("id-given-01", "given", "fox-secret");
        assertFalse(Await.until(() -> first.getState().isConnected(), connected -> !connected));
        assertTrue(firstAgain.getState().isConnected() && second.getState().isConnected());

        final JsonNode device = api.result("registry", "device.get", args().put("device", "fox-login"));
        assertEquals("per-client-id", device.at("/credentials/0/sessions").asText(), device.toString());
        assertEquals(3, device.at("/status/connections").asInt());
    }

    @Test
    void exactClientId_andToken_keepOneSessionPerDevice() throws Exception {
        final JsonNode created = create("pinned", basic("pinned-user", "pinned-pass", "pinned-1", false));
        assertEquals("per-device", created.at("/credentials/sessions").asText());
        final String token = api.result(
                        "registry",
                        "credentials.issue",
                        args().put("device", "pinned").set("credentials", args().put("type", "ACCESS_TOKEN")))
                .get("token")
                .asText();
        final Mqtt5BlockingClient basic = connect("pinned-1", "pinned-user", "pinned-pass");
        final Mqtt5BlockingClient byToken = broker.mqtt5("TbDev");
        byToken.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        assertFalse(
                Await.until(() -> basic.getState().isConnected(), connected -> !connected),
                "the device's newer connection takes its one session over");
        assertTrue(byToken.getState().isConnected());
    }

    @Test
    void credentialNamingItsPolicy_overridesWhatItsClientIdRuleImplies() throws Exception {
        final ObjectNode perClientId = args().put("type", "ACCESS_TOKEN").put("sessions", "per-client-id");
        final String token = create("phone-and-gateway", perClientId)
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient gateway = broker.mqtt5("gateway");
        gateway.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        final Mqtt5BlockingClient phone = broker.mqtt5("phone");
        phone.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        Thread.sleep(300);
        assertTrue(gateway.getState().isConnected() && phone.getState().isConnected());
        final Mqtt5BlockingClient gatewayAgain = broker.mqtt5("gateway");
        gatewayAgain
                .connectWith()
                .simpleAuth()
                .username(token)
                .applySimpleAuth()
                .send();
        assertFalse(Await.until(() -> gateway.getState().isConnected(), connected -> !connected));

        final ObjectNode perDevice =
                basic("single", "single-pass", "^single-[0-9]$", true).put("sessions", "per-device");
        create("single-session", perDevice);
        final Mqtt5BlockingClient one = connect("single-1", "single", "single-pass");
        connect("single-2", "single", "single-pass");
        assertFalse(Await.until(() -> one.getState().isConnected(), connected -> !connected));
    }

    @Test
    void status_becomesInactiveOnlyWithTheLastConnection() throws Exception {
        create("two-clients", basic("two", "two-pass", "^two-[ab]$", true));
        final var db = new AuthDb(broker);
        final String deviceId = db.deviceId("demo", "two-clients");
        final Mqtt5BlockingClient one = connect("two-a", "two", "two-pass");
        final Mqtt5BlockingClient two = connect("two-b", "two", "two-pass");
        Await.until(() -> db.status(deviceId), status -> status.active());
        one.disconnect();
        Thread.sleep(300);
        assertTrue(db.status(deviceId).active(), "a second connection is still open");
        two.disconnect();
        assertFalse(Await.until(() -> db.status(deviceId), status -> !status.active())
                .active());
    }

    @Test
    void unknownSessionPolicy_isABadRequest() {
        final ObjectNode request = args().put("name", "bad-policy");
        request.set("credentials", args().put("type", "ACCESS_TOKEN").put("sessions", "many"));
        assertEquals("bad-request", api.errorCode("registry", "device.create", request));
    }

    private JsonNode create(final String name, final ObjectNode credentials) {
        final ObjectNode request = args().put("name", name);
        request.set("credentials", credentials);
        return api.result("registry", "device.create", request);
    }

    private static ObjectNode basic(
            final String username, final String password, final String clientId, final boolean regex) {
        return args().put("type", "MQTT_BASIC")
                .put("username", username)
                .put("password", password)
                .put("clientId", clientId)
                .put("clientIdRegex", regex);
    }

    private static Mqtt5BlockingClient connect(final String clientId, final String username, final String password) {
        final Mqtt5BlockingClient client = broker.mqtt5(clientId);
        client.connectWith()
                .simpleAuth()
                .username(username)
                .password(bytes(password))
                .applySimpleAuth()
                .send();
        return client;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
