package io.hiveiot.auth;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.auth.connect.ConnectMetrics;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CONNECT with access tokens against a real broker running extension-auth in-process. */
class TokenAuthenticationTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    private static String token;

    @BeforeAll
    static void readFirstRun() throws Exception {
        token = AuthDb.firstRun(broker.dataFolder()).get("device-token");
    }

    @Test
    void firstRun_writesEveryKeyToAnOwnerOnlyFile() throws Exception {
        final Path file = broker.dataFolder().resolve("hive-iot/first-run.txt");
        final Map<String, String> values = AuthDb.firstRun(broker.dataFolder());
        assertEquals("demo", values.get("account"));
        assertEquals("demo", values.get("app-id"));
        assertEquals("demo-device", values.get("device"));
        assertTrue(values.get("app-secret").matches("[A-Za-z0-9]{32}"), values.toString());
        assertTrue(values.get("device-token").matches("[A-Za-z0-9]{20}"), values.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void connect_v5_withToken_isAccepted() {
        final var connAck = broker.mqtt5("TbDev")
                .connectWith()
                .simpleAuth()
                .username(token)
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, connAck.getReasonCode());
    }

    @Test
    void connect_v3_withTokenAndIgnoredPassword_isAccepted() {
        final var connAck = broker.mqtt3("TbDev")
                .connectWith()
                .simpleAuth()
                .username(token)
                .password("ignored".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, connAck.getReturnCode());
    }

    @Test
    void connect_v3_withoutUsername_isRefusedWith0x04() {
        final long before = refusedCount("no-credentials");
        final var error = assertThrows(
                Mqtt3ConnAckException.class, () -> broker.mqtt3("no-user").connect());
        assertEquals(
                Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD,
                error.getMqttMessage().getReturnCode());
        assertEquals(0x04, error.getMqttMessage().getReturnCode().getCode());
        assertEquals(before + 1, refusedCount("no-credentials"));
    }

    @Test
    void connect_v5_withoutUsername_isRefusedWith0x86AndReason() {
        final var error = assertThrows(
                Mqtt5ConnAckException.class, () -> broker.mqtt5("no-user").connect());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                error.getMqttMessage().getReasonCode());
        assertTrue(reasonString(error).contains("access token"), reasonString(error));
    }

    @Test
    void connect_v3_withUnknownToken_isRefusedWith0x05() {
        final long before = refusedCount("unknown-credentials");
        final var error = assertThrows(
                Mqtt3ConnAckException.class,
                () -> broker.mqtt3("TbDev")
                        .connectWith()
                        .simpleAuth()
                        .username("no-such-token")
                        .applySimpleAuth()
                        .send());
        assertEquals(0x05, error.getMqttMessage().getReturnCode().getCode());
        assertEquals(before + 1, refusedCount("unknown-credentials"));
    }

    @Test
    void connect_v5_withUnknownToken_isRefusedWith0x86AndReason() {
        final var error = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("TbDev")
                        .connectWith()
                        .simpleAuth()
                        .username("no-such-token")
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                error.getMqttMessage().getReasonCode());
        assertTrue(reasonString(error).startsWith("unknown access token"), reasonString(error));
    }

    @Test
    void connect_asProvisionWithoutProfiles_isAnUnknownCredential() {
        final var error = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("x")
                        .connectWith()
                        .simpleAuth()
                        .username("provision")
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                error.getMqttMessage().getReasonCode());
    }

    @Test
    void connect_withReservedClientId_isRefusedWithIdentifierRejected() {
        final var v5 = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("hive-iot:device:x")
                        .connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                v5.getMqttMessage().getReasonCode());
        final var v3 = assertThrows(
                Mqtt3ConnAckException.class,
                () -> broker.mqtt3("hive-iot:device:x")
                        .connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send());
        assertEquals(0x02, v3.getMqttMessage().getReturnCode().getCode());
    }

    @Test
    void connect_withRevokedToken_isRefusedAsNotAuthorized() throws Exception {
        final var db = new AuthDb(broker);
        final AuthDb.Device device = db.addDevice("demo", "revoked-device");
        db.execute("UPDATE access_token SET revoked_at = 1 WHERE device_id = ?", device.id());
        final var v5 = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("c")
                        .connectWith()
                        .simpleAuth()
                        .username(device.token())
                        .applySimpleAuth()
                        .send());
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, v5.getMqttMessage().getReasonCode());
        final var v3 = assertThrows(
                Mqtt3ConnAckException.class,
                () -> broker.mqtt3("c")
                        .connectWith()
                        .simpleAuth()
                        .username(device.token())
                        .applySimpleAuth()
                        .send());
        assertEquals(0x05, v3.getMqttMessage().getReturnCode().getCode());
    }

    @Test
    void connect_sameTokenTwice_evictsTheOlderConnection() throws Exception {
        final Mqtt5BlockingClient first = broker.mqtt5("first");
        connect(first, token);
        final Mqtt3BlockingClient second = broker.mqtt3("second");
        second.connectWith().simpleAuth().username(token).applySimpleAuth().send();

        assertFalse(
                Await.until(() -> first.getState().isConnected(), connected -> !connected),
                "the older connection of the device must be taken over");
        assertTrue(second.getState().isConnected());
    }

    @Test
    void connect_twoDevicesWithTheSameClientId_bothStayConnected() throws Exception {
        final AuthDb.Device other = new AuthDb(broker).addDevice("demo", "arduino-2");
        final Mqtt5BlockingClient first = broker.mqtt5("TbDev");
        connect(first, token);
        final Mqtt5BlockingClient second = broker.mqtt5("TbDev");
        connect(second, other.token());

        Thread.sleep(300);
        assertTrue(first.getState().isConnected(), "devices sharing the SDK's default client ID must not collide");
        assertTrue(second.getState().isConnected());
    }

    @Test
    void device_cannotSubscribeToEverything_butToItsDeviceApiAndAccountTopics() {
        final Mqtt5BlockingClient device = broker.mqtt5("sub-test");
        connect(device, token);
        assertEquals(0x87, subscribeCode(device, "#"));
        assertEquals(0x87, subscribeCode(device, "accounts/other/#"));
        assertEquals(0x87, subscribeCode(device, "v1/devices/+/telemetry"));
        assertEquals(0x01, subscribeCode(device, "v1/devices/me/rpc/request/+"));
        assertEquals(0x01, subscribeCode(device, "v1/devices/me/attributes/response/1"));
        assertEquals(0x87, subscribeCode(device, "v2/fw/response/+"), "nothing is published there");
        assertEquals(0x87, subscribeCode(device, "v1/devices/me/#"), "nor on most of it");
        assertEquals(0x01, subscribeCode(device, "v2/fw/response/+/chunk/+"));
        assertEquals(0x01, subscribeCode(device, "accounts/demo/#"));
        assertTrue(device.getState().isConnected(), "a refused SUBSCRIBE keeps the connection");
    }

    @Test
    void device_v3_refusedSubscribe_getsFailureReturnCode() {
        final Mqtt3BlockingClient device = broker.mqtt3("sub-test-3");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        final var error = assertThrows(
                Mqtt3SubAckException.class,
                () -> device.subscribeWith()
                        .topicFilter("#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send());
        assertEquals(0x80, error.getMqttMessage().getReturnCodes().get(0).getCode());
    }

    @Test
    void device_publishInItsAccountSpace_isDelivered() throws Exception {
        final Mqtt5BlockingClient listener = broker.mqtt5("listener");
        connect(listener, token);
        try (var publishes = listener.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            listener.subscribeWith()
                    .topicFilter("accounts/demo/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            final AuthDb.Device sender = new AuthDb(broker).addDevice("demo", "sender");
            final Mqtt5BlockingClient device = broker.mqtt5("sender");
            connect(device, sender.token());
            device.publishWith()
                    .topic("accounts/demo/room/1")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("21.5".getBytes(StandardCharsets.UTF_8))
                    .send();
            final var received = publishes.receive(5, TimeUnit.SECONDS);
            assertTrue(received.isPresent());
            assertEquals("21.5", new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void device_publishOnDeviceApiOrForeignTopic_isNotAuthorized() {
        for (final String topic : new String[] {"v1/devices/me/telemetry", "accounts/other/x", "users/demo/devices"}) {
            final Mqtt5BlockingClient device = broker.mqtt5("pub-" + topic.hashCode());
            connect(device, token);
            final var error = assertThrows(
                    Mqtt5PubAckException.class,
                    () -> device.publishWith()
                            .topic(topic)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload("{}".getBytes(StandardCharsets.UTF_8))
                            .send(),
                    topic);
            assertEquals(
                    Mqtt5PubAckReasonCode.NOT_AUTHORIZED, error.getMqttMessage().getReasonCode(), topic);
        }
    }

    @Test
    void status_followsTheConnection() throws Exception {
        final var db = new AuthDb(broker);
        final AuthDb.Device device = db.addDevice("demo", "status-device");
        final Mqtt5BlockingClient client = broker.mqtt5("status");
        final long before = System.currentTimeMillis();
        connect(client, device.token());

        final AuthDb.Status online = Await.until(() -> db.status(device.id()), s -> s != null && s.active());
        assertTrue(online.active());
        assertTrue(online.lastConnectTime() >= before, online.toString());

        client.disconnect();
        final AuthDb.Status offline = Await.until(() -> db.status(device.id()), s -> !s.active());
        assertFalse(offline.active());
        assertNotNull(offline.lastDisconnectTime());
        assertTrue(offline.lastDisconnectTime() >= online.lastConnectTime(), offline.toString());
    }

    @Test
    void status_staysActiveWhileATakeoverReplacesTheConnection() throws Exception {
        final var db = new AuthDb(broker);
        final AuthDb.Device device = db.addDevice("demo", "takeover-device");
        final Mqtt5BlockingClient first = broker.mqtt5("a");
        connect(first, device.token());
        final Mqtt5BlockingClient second = broker.mqtt5("b");
        connect(second, device.token());
        Await.until(() -> first.getState().isConnected(), connected -> !connected);
        Thread.sleep(200);
        assertTrue(db.status(device.id()).active(), "the device still has a connection");
    }

    @Test
    void metrics_countAcceptedConnects() {
        final long before =
                broker.metrics().counter(ConnectMetrics.PREFIX + "accepted").getCount();
        connect(broker.mqtt5("metrics"), token);
        assertEquals(
                before + 1,
                broker.metrics().counter(ConnectMetrics.PREFIX + "accepted").getCount());
    }

    private static void connect(final Mqtt5BlockingClient client, final String username) {
        client.connectWith().simpleAuth().username(username).applySimpleAuth().send();
    }

    private static long refusedCount(final String reason) {
        return broker.metrics()
                .counter(ConnectMetrics.PREFIX + "refused." + reason)
                .getCount();
    }

    private static String reasonString(final Mqtt5ConnAckException error) {
        return error.getMqttMessage().getReasonString().map(Object::toString).orElse("");
    }
}
