package io.hiveiot.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.ApiClient.args;
import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The root topic space of an account, given by {@code account.create} or {@code account.update}: its devices use
 * any topic outside the platform's namespaces, never another account's topics or streams; one account at most holds
 * it; the default stays {@code accounts/<account>/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RootTopicSpaceTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    private ApiClient demo;

    @BeforeEach
    void connectApplication() throws Exception {
        final Mqtt5BlockingClient app = broker.mqtt5("demo/root-space");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(AuthDb.firstRun(broker.dataFolder()).get("app-secret")))
                .applySimpleAuth()
                .send();
        demo = new ApiClient(app, "demo");
    }

    @AfterEach
    void close() {
        demo.close();
    }

    @Test
    @Order(1)
    void defaultSpace_isTheAccountsOwnPrefix() throws Exception {
        final String token = token("demo", "plain-device");
        final Mqtt5BlockingClient device = connect(token);
        assertEquals(0x87, subscribeCode(device, "sensors/#"));
        assertEquals(0x00, publishCode(device, "accounts/demo/sensors/1"));
        assertEquals(0x87, deniedPublishCode(token, "sensors/1"));
        final JsonNode accounts = demo.result("registry", "account.list", args());
        assertEquals("account", accounts.at("/accounts/0/topicSpace").asText(), accounts.toString());
    }

    @Test
    @Order(2)
    void accountUpdate_toRoot_reconnectsTheDevices_whichThenUseTopicsOfTheirOwnChoosing() throws Exception {
        final String token = token("demo", "thinger-style");
        final Mqtt5BlockingClient before = connect(token);
        final JsonNode updated = demo.result(
                "registry", "account.update", args().put("id", "demo").put("topicSpace", "root"));
        assertEquals("root", updated.get("topicSpace").asText());
        assertTrue(updated.get("reconnected").asInt() >= 1, updated.toString());
        assertFalse(
                Await.until(() -> before.getState().isConnected(), connected -> !connected),
                "a device connected before the change must reconnect to take the new permissions");

        final Mqtt5BlockingClient device = connect(token);
        final Mqtt5BlockingClient listener = connect(token("demo", "listener"));
        assertEquals(0x01, subscribeCode(listener, "#"));
        try (var received = listener.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(0x00, publishCode(device, "sensors/1/temperature"));
            assertEquals(0x00, publishCode(device, "accounts/demo/still-mine"));
            assertEquals(List.of("sensors/1/temperature", "accounts/demo/still-mine"), topics(received, 2));
        }
        assertEquals(0x87, subscribeCode(device, "users/demo/devices"));
        assertEquals(0x87, subscribeCode(device, "accounts/other/#"));
        for (final String platform : new String[] {
            "users/demo/devices",
            "v1/devices/me/telemetry",
            "v2/t",
            "accounts/other/x",
            "iotbind/tracking",
            "/provision/request",
            "/provision"
        }) {
            assertEquals(0x87, deniedPublishCode(token, platform), platform);
        }
    }

    @Test
    @Order(3)
    void rootDeviceSubscribedToEverything_neverReceivesAnotherAccountsTopicsOrTheStreams() throws Exception {
        demo.result("registry", "account.create", args().put("id", "neighbour"));
        final Mqtt5BlockingClient rootDevice = connect(token("demo", "wildcard-listener"));
        assertEquals(0x01, subscribeCode(rootDevice, "#"));
        final String neighbourToken = token("neighbour", "neighbour-device");
        final Mqtt5BlockingClient neighbour = connect(neighbourToken);
        final Mqtt5BlockingClient rootPublisher = connect(token("demo", "root-publisher"));
        try (var received = rootDevice.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(0x00, publishCode(neighbour, "accounts/neighbour/private"));
            assertEquals(0x00, publishCode(rootPublisher, "sensors/2"));
            assertEquals(List.of("sensors/2"), topics(received, 1));
            assertTrue(received.receive(300, TimeUnit.MILLISECONDS).isEmpty());
        }
        assertEquals(0x87, deniedPublishCode(neighbourToken, "sensors/1"), "the root space belongs to one account");
    }

    @Test
    @Order(4)
    void oneAccountAtMost_holdsTheRootSpace() {
        assertEquals(
                "conflict",
                demo.errorCode(
                        "registry",
                        "account.create",
                        args().put("id", "second-root").put("topicSpace", "root")));
        assertEquals(
                "conflict",
                demo.errorCode(
                        "registry",
                        "account.update",
                        args().put("id", "neighbour").put("topicSpace", "root")));
        assertEquals(
                "bad-request",
                demo.errorCode(
                        "registry",
                        "account.update",
                        args().put("id", "neighbour").put("topicSpace", "everything")));
        assertEquals(
                "not-found",
                demo.errorCode(
                        "registry", "account.update", args().put("id", "nobody").put("topicSpace", "account")));
        demo.result("registry", "account.update", args().put("id", "demo").put("topicSpace", "account"));
        assertEquals(
                "root",
                demo.result(
                                "registry",
                                "account.update",
                                args().put("id", "neighbour").put("topicSpace", "root"))
                        .get("topicSpace")
                        .asText());
    }

    private String token(final String account, final String name) {
        final ApiClient api = account.equals("demo") ? demo : null;
        if (api != null) {
            return api.result("registry", "device.create", args().put("name", name))
                    .at("/credentials/token")
                    .asText();
        }
        try {
            return new AuthDb(broker).addDevice(account, name).token();
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Mqtt5BlockingClient connect(final String token) {
        final Mqtt5BlockingClient client = broker.mqtt5("TbDev");
        client.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        return client;
    }

    private static List<String> topics(final Mqtt5BlockingClient.Mqtt5Publishes publishes, final int count)
            throws InterruptedException {
        final List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final Mqtt5Publish publish = publishes
                    .receive(5, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("only " + topics + " arrived"));
            topics.add(publish.getTopic().toString());
        }
        return topics;
    }

    /** A refused MQTT 5 publish is answered 0x87 and then disconnected: one connection per attempt. */
    private static int deniedPublishCode(final String token, final String topic) {
        return publishCode(connect(token), topic);
    }

    private static int publishCode(final Mqtt5BlockingClient client, final String topic) {
        try {
            client.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("x"))
                    .send();
            return 0;
        } catch (final Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode().getCode();
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
