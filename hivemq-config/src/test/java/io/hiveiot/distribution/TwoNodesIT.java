package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.FreePort;
import io.hiveiot.testkit.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged brokers on this machine, on different ports, sharing one PostgreSQL database (the build's test
 * server) through {@code HIVE_IOT_DATABASE_URL}: what an application does through node A reaches devices on node B,
 * and both nodes keep one registry, one history and one connection status. No HiveMQ cluster connects the two
 * brokers: everything that crosses between them goes through the database and its notifications.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoNodesIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String database;
    private BrokerProcess nodeA;
    private BrokerProcess nodeB;
    private int portA;
    private int portB;
    private Properties firstRun;
    private String account;
    private final AtomicInteger apps = new AtomicInteger();

    @BeforeAll
    void startTwoNodes(@TempDir final Path temp) throws IOException {
        database = PostgresServer.get().newDatabase();
        portA = FreePort.next();
        portB = FreePort.next();
        nodeA = start(temp.resolve("a"), portA, database);
        nodeA.awaitListening(portA, START_TIMEOUT);
        final Path firstRunFile = temp.resolve("a/data/hive-iot/first-run.txt");
        nodeA.awaitFile(firstRunFile, START_TIMEOUT);
        firstRun = new Properties();
        firstRun.load(new StringReader(Files.readString(firstRunFile)));
        account = firstRun.getProperty("account");
        nodeB = start(temp.resolve("b"), portB, database);
        nodeB.awaitListening(portB, START_TIMEOUT);
        assertFalse(
                Files.exists(temp.resolve("b/data/hive-iot/first-run.txt")),
                "node B found the registry node A had created");
    }

    private static BrokerProcess start(final Path folder, final int port, final String database) throws IOException {
        return BrokerProcess.start(
                BrokerProcess.distribution().resolve("bin/hive-iot-broker"),
                folder,
                folder.resolve("output"),
                Map.of(
                        "HIVE_IOT_MQTT_PORT", Integer.toString(port),
                        "HIVE_IOT_WS_PORT", Integer.toString(FreePort.next()),
                        "HIVEMQ_DATA_FOLDER", folder.resolve("data").toString(),
                        "HIVEMQ_LOG_FOLDER", folder.resolve("log").toString(),
                        "HIVE_IOT_DATABASE_URL", database));
    }

    @AfterAll
    void stopNodes() throws InterruptedException {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    @Order(1)
    void bothNodes_keepTheirDataInPostgresql() {
        for (final BrokerProcess node : new BrokerProcess[] {nodeA, nodeB}) {
            for (final String extension : new String[] {"auth", "device-api", "firmware", "tracking"}) {
                assertTrue(
                        node.stdout().contains("hive-iot-" + extension + ": postgresql database at"),
                        extension + node.output());
            }
        }
    }

    @Test
    @Order(2)
    void deviceCreatedThroughA_connectsWithItsTokenOnB() throws Exception {
        final String token = createDevice("made-on-a");
        final Mqtt5BlockingClient device = client(portB, "made-on-a-client");
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, connect(device, token).getReasonCode());
        device.disconnect();
    }

    @Test
    @Order(3)
    void connectionStatus_followsADeviceThatMovesBetweenNodes() throws Exception {
        final String token = createDevice("roamer");
        final Mqtt5BlockingClient onB = client(portB, "roamer-b");
        connect(onB, token);
        JsonNode status = awaitStatus("roamer", answer -> answer.path("active").asBoolean());
        assertEquals(1, status.path("connections").asInt(), status.toString());

        // The same token on node A: as on one broker, the device's newer connection takes its session over.
        final Mqtt5BlockingClient onA = client(portA, "roamer-a");
        connect(onA, token);
        Await.until(() -> onB.getState().isConnected(), connected -> !connected);
        status = awaitStatus("roamer", answer -> answer.path("connections").asInt() == 1);
        assertTrue(status.path("active").asBoolean(), "the device is connected to A: " + status);

        onA.disconnect();
        status = awaitStatus("roamer", answer -> !answer.path("active").asBoolean());
        assertTrue(
                status.path("lastDisconnectTime").asLong()
                        >= status.path("lastConnectTime").asLong(),
                status.toString());
    }

    @Test
    @Order(4)
    void telemetryPublishedThroughAAndB_isOneHistory() throws Exception {
        // each node holds its points unsealed in memory: the other reads them from its ingest rows
        final String token = createDevice("two-homed");
        publishTelemetry(portB, token, "{\"ts\":1000,\"values\":{\"level\":1}}");
        publishTelemetry(portA, token, "{\"ts\":2000,\"values\":{\"level\":2}}");
        publishTelemetry(portB, token, "{\"ts\":3000,\"values\":{\"level\":4}}");
        for (final int port : new int[] {portA, portB}) {
            onNode(port, api -> {
                assertEquals(
                        List.of("3000=4", "2000=2", "1000=1"),
                        points(api.result(
                                "devices",
                                "telemetry.history",
                                levels().put("from", 0).put("to", 4000))));
                assertEquals(
                        List.of("2000=7"),
                        points(api.result(
                                "devices",
                                "telemetry.history",
                                levels().put("from", 0)
                                        .put("to", 4000)
                                        .put("agg", "SUM")
                                        .put("interval", 4000))));
                final JsonNode latest = api.result(
                        "devices", "telemetry.latest", ApiClient.args().put("device", "two-homed"));
                assertEquals(
                        "{\"ts\":3000,\"value\":4}", latest.at("/values/level").toString(), latest.toString());
            });
        }
    }

    private static ObjectNode levels() throws IOException {
        return ApiClient.args().put("device", "two-homed").set("keys", JSON.readTree("[\"level\"]"));
    }

    private static List<String> points(final JsonNode history) {
        final List<String> points = new ArrayList<>();
        history.get("entries").forEach(entry -> points.add(entry.get("ts") + "=" + entry.get("value")));
        return points;
    }

    @Test
    @Order(5)
    void sharedAttributesSetOnA_arePushedToTheDeviceOnB() throws Exception {
        final String token = createDevice("listener");
        final Mqtt5BlockingClient device = client(portB, "listener-b");
        connect(device, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var received = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            onNode(
                    portA,
                    api -> assertTrue(
                            api.result(
                                            "devices",
                                            "attributes.set",
                                            ApiClient.args()
                                                    .put("device", "listener")
                                                    .set("attributes", JSON.readTree("{\"interval\":30}")))
                                    .path("pushed")
                                    .asBoolean(),
                            "node A reports the push node B made"));
            final Mqtt5Publish push = receive(received, "the shared attribute push");
            assertEquals("{\"interval\":30}", text(push));
        } finally {
            device.disconnect();
        }
    }

    @Test
    @Order(6)
    void rpcFromAnApplicationOnA_reachesTheDeviceOnB_andItsAnswerComesBack() throws Exception {
        final String token = createDevice("responder");
        final Mqtt5BlockingClient device = client(portB, "responder-b");
        connect(device, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/rpc/request/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var requests = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            onNode(portA, api -> {
                api.send(
                        "devices",
                        "rpc",
                        ApiClient.args()
                                .put("device", "responder")
                                .put("method", "ping")
                                .put("timeoutMs", 10_000),
                        "two-way");
                answer(device, receive(requests, "the two-way request"), "{\"pong\":1}");
                assertEquals(
                        1,
                        api.awaitAnswer("devices", "two-way", 15)
                                .orElseThrow()
                                .at("/result/response/pong")
                                .asInt());

                final JsonNode stored = api.result(
                        "devices",
                        "rpc",
                        ApiClient.args()
                                .put("device", "responder")
                                .put("method", "reboot")
                                .put("persistent", true));
                final Mqtt5Publish request = receive(requests, "the persistent request");
                assertTrue(text(request).contains("\"reboot\""), text(request));
                answer(device, request, "{\"rebooted\":true}");
                final ApiClient statusApi = api;
                final JsonNode done = Await.until(
                        () -> statusApi.result(
                                "devices",
                                "rpc.status",
                                ApiClient.args()
                                        .put("device", "responder")
                                        .put(
                                                "requestId",
                                                stored.path("requestId").asInt())),
                        status -> "SUCCESSFUL".equals(status.path("status").asText()));
                assertTrue(done.at("/response/rebooted").asBoolean(), done.toString());
            });
        } finally {
            device.disconnect();
        }
    }

    @Test
    @Order(7)
    void rpcReplyThroughA_answersTheRequestOfTheDeviceOnB() throws Exception {
        final String token = createDevice("asker");
        final Mqtt5BlockingClient device = client(portB, "asker-b");
        connect(device, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/rpc/response/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var responses = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            device.publishWith()
                    .topic("v1/devices/me/rpc/request/7")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"method\":\"getTime\",\"params\":{}}"))
                    .send();
            onNode(
                    portA,
                    api -> api.result(
                            "devices",
                            "rpc.reply",
                            ApiClient.args()
                                    .put("device", "asker")
                                    .put("requestId", 7)
                                    .set("response", JSON.readTree("{\"time\":42}"))));
            final Mqtt5Publish response = receive(responses, "the application's answer");
            assertEquals("v1/devices/me/rpc/response/7", response.getTopic().toString());
            assertEquals("{\"time\":42}", text(response));
        } finally {
            device.disconnect();
        }
    }

    @Test
    @Order(8)
    void firmwareUploadedThroughA_isPushedToAndDownloadedByTheDeviceOnB() throws Exception {
        final String token = createDevice("updater");
        final byte[] image = "firmware image uploaded through node A".getBytes(StandardCharsets.UTF_8);
        final Mqtt5BlockingClient device = client(portB, "updater-b");
        connect(device, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        device.subscribeWith()
                .topicFilter("v2/fw/response/+/chunk/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var received = device.publishes(MqttGlobalPublishFilter.ALL)) {
            onNode(portA, api -> {
                api.result(
                        "firmware",
                        "package.upload",
                        ApiClient.args()
                                .put("title", "two-nodes")
                                .put("version", "1.0")
                                .put("data", Base64.getEncoder().encodeToString(image)));
                api.result(
                        "firmware",
                        "assign",
                        ApiClient.args()
                                .put("device", "updater")
                                .put("title", "two-nodes")
                                .put("version", "1.0"));
            });
            final Mqtt5Publish push = receive(received, "the fw_* push");
            assertEquals("v1/devices/me/attributes", push.getTopic().toString());
            assertTrue(text(push).contains("\"fw_title\":\"two-nodes\""), text(push));

            final var chunks = new ByteArrayOutputStream();
            for (int chunk = 0; ; chunk++) {
                device.publishWith()
                        .topic("v2/fw/request/1/chunk/" + chunk)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("16"))
                        .send();
                final Mqtt5Publish answer = receive(received, "chunk " + chunk);
                assertEquals(
                        "v2/fw/response/1/chunk/" + chunk, answer.getTopic().toString());
                if (answer.getPayloadAsBytes().length == 0) {
                    break;
                }
                chunks.write(answer.getPayloadAsBytes());
            }
            assertEquals(new String(image, StandardCharsets.UTF_8), chunks.toString(StandardCharsets.UTF_8));
        } finally {
            device.disconnect();
        }
    }

    @Test
    @Order(9)
    void trackerAndFamilyCreatedThroughA_workOnB() throws Exception {
        final String token = createDevice("tracker-host");
        // Before the family exists, its topic is nobody's: authorization refuses the device's publish (and, as
        // for any refused MQTT 5 publish, closes the connection).
        final Mqtt5BlockingClient early = client(portB, "tracker-host-early");
        connect(early, token);
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                publishQos1(early, "twonodes/tracker-host/V3.0/bat", "{\"level\":3}"));
        onNode(portA, api -> {
            api.result(
                    "tracking",
                    "device.create",
                    ApiClient.args().put("uid", "truck-7").put("key", "truck-7-key"));
            api.result("tracking", "family.create", ApiClient.args().put("family", "twonodes"));
            api.result(
                    "tracking",
                    "group.create",
                    ApiClient.args()
                            .put("family", "twonodes")
                            .put("group", "fleet")
                            .set("devices", JSON.readTree("[\"tracker-host\"]")));
        });
        final Mqtt5BlockingClient device = client(portB, "tracker-host-b");
        connect(device, token);
        try {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    publishQos1(
                            device,
                            "iotbind/tracking/truck-7",
                            "{\"uid\":\"truck-7\",\"key\":\"truck-7-key\",\"longitude\":17.5,\"latitude\":\"48.1\"}"));
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    publishQos1(device, "twonodes/tracker-host/V3.0/bat", "{\"level\":3}"),
                    "node B knows the family node A created");
            onNode(portA, api -> {
                final JsonNode tracker =
                        api.result("tracking", "device.get", ApiClient.args().put("uid", "truck-7"));
                assertEquals("17.5", tracker.at("/document/longitude").asText(), tracker.toString());
                assertTrue(tracker.path("connected").asBoolean(), tracker.toString());
            });
        } finally {
            device.disconnect();
        }
    }

    @Test
    @Order(10)
    void credentialsRevokedOnA_closeTheSessionOnBWithinOneSecond_andAreRefusedThere() throws Exception {
        registryChangeOnA_closesTheSessionOnBWithinOneSecond(
                "revoked", "credentials.revoke", Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    }

    @Test
    @Order(11)
    void deviceDeletedOnA_isDisconnectedOnBWithinOneSecond_andRefusedThere() throws Exception {
        registryChangeOnA_closesTheSessionOnBWithinOneSecond(
                "doomed", "device.delete", Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    /** The device {@code name}, connected to B, is disconnected by {@code op} on A and refused with {@code refusal}. */
    private void registryChangeOnA_closesTheSessionOnBWithinOneSecond(
            final String name, final String op, final Mqtt5ConnAckReasonCode refusal) throws Exception {
        final String token = createDevice(name);
        final Mqtt5BlockingClient device = client(portB, name + "-b");
        connect(device, token);
        final long answered = withApi(portA, api -> {
            api.result("registry", op, ApiClient.args().put("device", name));
            return System.nanoTime();
        });
        Await.until(() -> device.getState().isConnected(), connected -> !connected);
        final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered);
        assertTrue(closedAfterMs < 1_000, "the session on B was closed " + closedAfterMs + " ms after " + op);
        final var refused =
                assertThrows(Mqtt5ConnAckException.class, () -> connect(client(portB, name + "-b-again"), token));
        assertEquals(refusal, refused.getMqttMessage().getReasonCode());
    }

    @Test
    @Order(12)
    void nodeThatCrashes_leavesItsDevicesInactive_onceTheOtherNodeNotices() throws Exception {
        final String token = createDevice("stranded");
        connect(client(portB, "stranded-b"), token);
        awaitStatus("stranded", answer -> answer.path("active").asBoolean());
        nodeB.kill();
        final JsonNode status =
                awaitStatus("stranded", answer -> !answer.path("active").asBoolean());
        assertEquals(0, status.path("connections").asInt(), status.toString());
    }

    @Test
    @Order(13)
    void nodeThatCrashed_hasTheTelemetryItHeldUnsealedSealedByTheOther() throws Exception {
        // B held its points of the telemetry test in memory; they stay readable from its rows until A seals them
        long writers = ingestWriters();
        for (int round = 0; round < 3 && writers > 1; round++) {
            writers = Await.until(this::ingestWriters, count -> count <= 1);
        }
        assertEquals(1, writers, "only A's own ingest rows are left");
        onNode(
                portA,
                api -> assertEquals(
                        List.of("3000=4", "2000=2", "1000=1"),
                        points(api.result(
                                "devices",
                                "telemetry.history",
                                levels().put("from", 0).put("to", 4000)))));
    }

    /** The nodes whose telemetry ingest rows are in the database. */
    private long ingestWriters() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database);
                var query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT count(DISTINCT writer) FROM device_data.ts_ingest")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs {@code work} with an application client of the demo account connected to the node on {@code port}. */
    private <T> T withApi(final int port, final ApiWork<T> work) throws Exception {
        final Mqtt5BlockingClient app = client(port, account + "/two-nodes-" + apps.incrementAndGet());
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(bytes(firstRun.getProperty("app-secret")))
                .applySimpleAuth()
                .send();
        try (var api = new ApiClient(app, account)) {
            return work.run(api);
        } finally {
            app.disconnect();
        }
    }

    private void onNode(final int port, final ApiStep step) throws Exception {
        withApi(port, api -> {
            step.run(api);
            return null;
        });
    }

    private interface ApiWork<T> {
        T run(ApiClient api) throws Exception;
    }

    private interface ApiStep {
        void run(ApiClient api) throws Exception;
    }

    private String createDevice(final String name) throws Exception {
        return withApi(
                portA,
                api -> api.result("registry", "device.create", ApiClient.args().put("name", name))
                        .at("/credentials/token")
                        .asText());
    }

    private JsonNode awaitStatus(final String device, final Predicate<JsonNode> condition) throws Exception {
        return withApi(
                portA,
                api -> Await.until(
                        () -> api.result("registry", "status", ApiClient.args().put("device", device)), condition));
    }

    private void publishTelemetry(final int port, final String token, final String json) {
        final Mqtt5BlockingClient device = client(port, "telemetry-" + UUID.randomUUID());
        connect(device, token);
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publishQos1(device, "v1/devices/me/telemetry", json));
        device.disconnect();
    }

    /** The PUBACK's reason code: the blocking client throws for a failure code, which is as good an answer. */
    private static Mqtt5PubAckReasonCode publishQos1(
            final Mqtt5BlockingClient client, final String topic, final String payload) {
        try {
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) client.publishWith()
                            .topic(topic)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(bytes(payload))
                            .send())
                    .getPubAck()
                    .getReasonCode();
        } catch (final Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    private static void answer(final Mqtt5BlockingClient device, final Mqtt5Publish request, final String json) {
        device.publishWith()
                .topic(request.getTopic().toString().replace("/request/", "/response/"))
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes(json))
                .send();
    }

    private Mqtt5Publish receive(final Mqtt5BlockingClient.Mqtt5Publishes publishes, final String what)
            throws InterruptedException {
        return publishes
                .receive(15, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError(
                        "no " + what + "\n=== node A" + nodeA.output() + "\n=== node B" + nodeB.output()));
    }

    private static Mqtt5ConnAck connect(final Mqtt5BlockingClient client, final String token) {
        return client.connectWith()
                .simpleAuth()
                .username(token)
                .applySimpleAuth()
                .send();
    }

    private static Mqtt5BlockingClient client(final int port, final String clientId) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(port)
                .transportConfig()
                .mqttConnectTimeout(10, TimeUnit.SECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }

    private static String text(final Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
