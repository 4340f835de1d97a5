package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.FreePort;
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
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged distribution end to end: bin/hive-iot-broker started as its own process, with its instance folder
 * (configuration, data, logs, TLS keys) in a temp folder, real MQTT clients on loopback, and a SIGTERM at the end.
 * One broker for the class; the last test stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DistributionIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JVM's exit status after SIGTERM once the shutdown hooks ran: 128 + 15. HiveMQ does not override it. */
    private static final int EXIT_AFTER_SIGTERM = 143;
    /** Each extension's metric prefix, and the heading of its metrics in docs/operations.md. */
    private static final Map<String, String> METRIC_SECTIONS = Map.of(
            "hive-iot.auth.", "hive-iot-auth (`hive-iot.auth.`)",
            "hive-iot.device-api.", "hive-iot-device-api (`hive-iot.device-api.`)",
            "hive-iot.firmware.", "hive-iot-firmware (`hive-iot.firmware.`)",
            "hive-iot.tracking.", "hive-iot-tracking (`hive-iot.tracking.`)");
    /** The service each extension serves, whose request metrics are {@code <prefix>api.<service>.}. */
    private static final Map<String, String> SERVICES = Map.of(
            "hive-iot.auth.",
            "registry",
            "hive-iot.device-api.",
            "devices",
            "hive-iot.firmware.",
            "firmware",
            "hive-iot.tracking.",
            "tracking");

    private BrokerProcess broker;
    private Set<String> distributionFiles;
    private Path dataFolder;
    private Path logFolder;
    private int mqttPort;
    private int webSocketPort;
    private Properties firstRun;

    @BeforeAll
    void startBroker(@TempDir final Path temp) throws IOException {
        distributionFiles = files(BrokerProcess.distribution());
        final Path instance = temp.resolve("instance");
        dataFolder = instance.resolve("data");
        logFolder = instance.resolve("log");
        mqttPort = FreePort.next();
        webSocketPort = FreePort.next();
        broker = BrokerProcess.start(
                BrokerProcess.distribution().resolve("bin/hive-iot-broker"),
                temp,
                temp.resolve("output"),
                Map.of(
                        "HIVE_IOT_MQTT_PORT", Integer.toString(mqttPort),
                        "HIVE_IOT_WS_PORT", Integer.toString(webSocketPort),
                        "HIVE_IOT_INSTANCE", instance.toString()));
        // Listeners open only after every extension has started, so first-run.txt is complete by then.
        broker.awaitListening(mqttPort, START_TIMEOUT);
        // HiveMQ opens its listeners one after the other: the WebSocket one may still be closed at this point.
        broker.awaitListening(webSocketPort, START_TIMEOUT);
        broker.awaitFile(firstRunFile(), START_TIMEOUT);
        firstRun = new Properties();
        firstRun.load(new StringReader(Files.readString(firstRunFile())));
    }

    @AfterAll
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void firstRun_writesDemoCredentials_readableByOwnerOnly() throws IOException {
        for (final var key : new String[] {"account", "app-id", "app-secret", "device", "device-token"}) {
            assertFalse(firstRun.getProperty(key, "").isBlank(), key + "= missing in first-run.txt");
        }
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(firstRunFile()));
    }

    @Test
    @Order(2)
    void mqtt311_withDeviceToken_isAccepted() {
        final var client = mqtt3Client();
        final var connAck = client.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, connAck.getReturnCode());
        client.disconnect();
    }

    @Test
    @Order(3)
    void mqtt5_withDeviceToken_isAccepted() {
        final var client = mqtt5Client(mqttPort, false);
        final var connAck = client.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, connAck.getReasonCode());
        client.disconnect();
    }

    @Test
    @Order(4)
    void mqtt5OverWebSocket_withDeviceToken_isAccepted() {
        final var client = mqtt5Client(webSocketPort, true);
        final var connAck = client.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, connAck.getReasonCode());
        client.disconnect();
    }

    @Test
    @Order(5)
    void mqtt311_withWrongToken_isRefusedNotAuthorized() {
        final var failure = assertThrows(
                Mqtt3ConnAckException.class,
                () -> mqtt3Client()
                        .connectWith()
                        .simpleAuth()
                        .username(wrongToken())
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt3ConnAckReturnCode.NOT_AUTHORIZED, failure.getMqttMessage().getReturnCode());
    }

    @Test
    @Order(6)
    void mqtt5_withWrongToken_isRefusedBadUserNameOrPassword() {
        final var failure = assertThrows(
                Mqtt5ConnAckException.class,
                () -> mqtt5Client(mqttPort, false)
                        .connectWith()
                        .simpleAuth()
                        .username(wrongToken())
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                failure.getMqttMessage().getReasonCode());
    }

    @Test
    @Order(7)
    void mqtt311_tokenDevice_telemetryIsAcknowledged_andAttributeRequestIsAnswered() throws InterruptedException {
        // as mosquitto_pub / mosquitto_rr would: MQTT 3.1.1, QoS 1, no subscription for the telemetry
        final var client = mqtt3Client();
        client.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        client.publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"temperature\":25}".getBytes(StandardCharsets.UTF_8))
                .send();
        assertTrue(client.getState().isConnected(), "a refused publish would have disconnected the client");

        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.publishWith()
                    .topic("v1/devices/me/attributes/request/1")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{}".getBytes(StandardCharsets.UTF_8))
                    .send();
            final var answer = received.receive(10, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("no attribute response" + broker.output()));
            assertEquals(
                    "v1/devices/me/attributes/response/1", answer.getTopic().toString());
            // ThingsBoard leaves out empty sections: a fresh device has neither client nor shared attributes
            assertEquals("{}", new String(answer.getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
        client.disconnect();
    }

    @Test
    @Order(8)
    void application_readsTheDevicesTelemetryBack_andCallsItOverRpc() throws Exception {
        final var app = mqtt5Client(mqttPort, false, "demo/distribution-it");
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        final var device = mqtt5Client(mqttPort, false, "distribution-it-device");
        device.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        device.subscribeWith()
                .topicFilter("v1/devices/me/rpc/request/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var api = new ApiClient(app, firstRun.getProperty("account"));
                var requests = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            final String name = firstRun.getProperty("device");
            assertEquals(
                    25,
                    api.result("devices", "telemetry.latest", ApiClient.args().put("device", name))
                            .at("/values/temperature/value")
                            .asInt(),
                    "the telemetry of the test before");

            api.send("devices", "rpc", ApiClient.args().put("device", name).put("method", "ping"), "it-rpc");
            final var request = requests.receive(10, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("no RPC request" + broker.output()));
            device.publishWith()
                    .topic(request.getTopic().toString().replace("/request/", "/response/"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"pong\":true}".getBytes(StandardCharsets.UTF_8))
                    .send();
            assertEquals(
                    true,
                    api.awaitAnswer("devices", "it-rpc", 10)
                            .orElseThrow()
                            .at("/result/response/pong")
                            .asBoolean());
        } finally {
            device.disconnect();
            app.disconnect();
        }
    }

    @Test
    @Order(9)
    void iotBindTracker_getsItsDocument_fromTheTrackingExtension() throws Exception {
        final String account = firstRun.getProperty("account");
        final var app = mqtt5Client(mqttPort, false, account + "/tracking-setup");
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        try (var api = new ApiClient(app, account)) {
            final var args = ApiClient.args().put("uid", "Device UniqueID").put("key", "Device API secret key");
            args.putObject("publish").put("topic", "accounts/" + account + "/tracker");
            api.result("tracking", "device.create", args);
        } finally {
            app.disconnect();
        }
        final var tracker = mqtt3Client();
        tracker.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        try (var received = tracker.publishes(MqttGlobalPublishFilter.ALL)) {
            tracker.subscribeWith()
                    .topicFilter("accounts/" + account + "/tracker")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            tracker.publishWith()
                    .topic("iotbind/tracking/x")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"uid\":\"Device UniqueID\",\"key\":\"Device API secret key\",\"cmd\":\"get\"}"
                            .getBytes(StandardCharsets.UTF_8))
                    .send();
            final var document = received.receive(10, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("no tracking document" + broker.output()));
            assertTrue(new String(document.getPayloadAsBytes(), StandardCharsets.UTF_8)
                    .startsWith("{\"uid\":\"Device UniqueID\""));
        } finally {
            tracker.disconnect();
        }
    }

    @Test
    @Order(10)
    void firmware_isAssigned_pushed_andDownloadedByChunks_throughThePackagedBroker() throws Exception {
        final String account = firstRun.getProperty("account");
        final byte[] firmware = "hive-iot firmware image, version 1.1".getBytes(StandardCharsets.UTF_8);
        final var device = mqtt5Client(mqttPort, false, "distribution-it-ota");
        device.connectWith()
                .simpleAuth()
                .username(deviceToken())
                .applySimpleAuth()
                .send();
        device.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        device.subscribeWith()
                .topicFilter("v2/fw/response/+/chunk/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        final var app = mqtt5Client(mqttPort, false, account + "/firmware-setup");
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        try (var api = new ApiClient(app, account);
                var received = device.publishes(MqttGlobalPublishFilter.ALL)) {
            api.result(
                    "firmware",
                    "package.upload",
                    ApiClient.args()
                            .put("title", "it-fw")
                            .put("version", "1.1")
                            .put("data", Base64.getEncoder().encodeToString(firmware)));
            api.result(
                    "firmware",
                    "assign",
                    ApiClient.args()
                            .put("device", firstRun.getProperty("device"))
                            .put("title", "it-fw")
                            .put("version", "1.1"));
            final var push = received.receive(10, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("no fw_* push" + broker.output()));
            assertEquals("v1/devices/me/attributes", push.getTopic().toString());
            assertTrue(new String(push.getPayloadAsBytes(), StandardCharsets.UTF_8).contains("\"fw_title\":\"it-fw\""));

            final var chunks = new ByteArrayOutputStream();
            for (int chunk = 0; ; chunk++) {
                device.publishWith()
                        .topic("v2/fw/request/1/chunk/" + chunk)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload("16".getBytes(StandardCharsets.UTF_8))
                        .send();
                final var answer = received.receive(10, TimeUnit.SECONDS)
                        .orElseThrow(() -> new AssertionError("no chunk" + broker.output()));
                assertEquals(
                        "v2/fw/response/1/chunk/" + chunk, answer.getTopic().toString());
                if (answer.getPayloadAsBytes().length == 0) {
                    break;
                }
                chunks.write(answer.getPayloadAsBytes());
            }
            assertEquals(new String(firmware, StandardCharsets.UTF_8), chunks.toString(StandardCharsets.UTF_8));
        } finally {
            app.disconnect();
            device.disconnect();
        }
    }

    @Test
    @Order(10)
    void aGatewayWithThreeSubDevices_andShortTopics_throughThePackagedBroker() throws Exception {
        final String account = firstRun.getProperty("account");
        final var app = mqtt5Client(mqttPort, false, account + "/gateway-setup");
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        // Events have a client of their own: a client's unread publishes hold back the others it receives.
        final var watcher = mqtt5Client(mqttPort, false, account + "/gateway-events");
        watcher.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        watcher.subscribeWith()
                .topicFilter("users/" + account + "/devices")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var api = new ApiClient(app, account);
                var events = watcher.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            final String token = api.result(
                            "registry",
                            "device.create",
                            ApiClient.args().put("name", "it-gateway").put("gateway", true))
                    .at("/credentials/token")
                    .asText();
            final var gateway = mqtt5Client(mqttPort, false, "distribution-it-gateway");
            gateway.connectWith().simpleAuth().username(token).applySimpleAuth().send();
            for (final String filter :
                    new String[] {"v1/gateway/attributes", "v1/gateway/rpc", "v1/gateway/attributes/response"}) {
                gateway.subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
            }
            try (var received = gateway.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
                gatewayPublish(
                        gateway,
                        "v1/gateway/telemetry",
                        "{\"it-sub-a\":[{\"t\":1}],\"it-sub-b\":[{\"t\":2}],\"it-sub-c\":[{\"t\":3}]}");
                int t = 1;
                for (final String sub : new String[] {"it-sub-a", "it-sub-b", "it-sub-c"}) {
                    assertEquals(
                            "it-gateway",
                            api.result(
                                            "registry",
                                            "device.get",
                                            ApiClient.args().put("device", sub))
                                    .get("parentGateway")
                                    .asText());
                    assertEquals(
                            t++,
                            api.result(
                                            "devices",
                                            "telemetry.latest",
                                            ApiClient.args().put("device", sub))
                                    .at("/values/t/value")
                                    .asInt());
                }

                api.result(
                        "devices",
                        "attributes.set",
                        ApiClient.args()
                                .put("device", "it-sub-a")
                                .set("attributes", ApiClient.args().put("interval", 30)));
                assertEquals(
                        "{\"device\":\"it-sub-a\",\"data\":{\"interval\":30}}",
                        next(received, "v1/gateway/attributes"));

                api.send(
                        "devices",
                        "rpc",
                        ApiClient.args().put("device", "it-sub-b").put("method", "ping"),
                        "it-gw");
                final String request = next(received, "v1/gateway/rpc");
                assertTrue(request.startsWith("{\"device\":\"it-sub-b\",\"data\":{\"id\":"), request);
                final int id = Integer.parseInt(request.replaceAll(".*\"id\":(\\d+).*", "$1"));
                gatewayPublish(
                        gateway,
                        "v1/gateway/rpc",
                        "{\"device\":\"it-sub-b\",\"id\":" + id + ",\"data\":{\"pong\":true}}");
                assertEquals(
                        "{\"pong\":true}",
                        api.awaitAnswer("devices", "it-gw", 10)
                                .orElseThrow()
                                .at("/result/response")
                                .toString());

                gatewayPublish(
                        gateway,
                        "v1/gateway/attributes/request",
                        "{\"id\":5,\"device\":\"it-sub-a\",\"client\":false,\"key\":\"interval\"}");
                assertEquals(
                        "{\"id\":5,\"device\":\"it-sub-a\",\"value\":30}",
                        next(received, "v1/gateway/attributes/response"));
            }
            gatewayPublish(gateway, "v1/gateway/disconnect", "{\"device\":\"it-sub-c\"}");
            final String stream = "users/" + account + "/devices";
            assertEquals(Set.of("it-sub-c"), eventDevices(events, stream, "disconnected", 1));
            gateway.disconnect();
            assertEquals(Set.of("it-sub-a", "it-sub-b", "it-gateway"), eventDevices(events, stream, "disconnected", 3));

            final var device = mqtt5Client(mqttPort, false, "distribution-it-v2");
            device.connectWith()
                    .simpleAuth()
                    .username(deviceToken())
                    .applySimpleAuth()
                    .send();
            device.publishWith()
                    .topic("v2/t")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"shortTopic\":42}".getBytes(StandardCharsets.UTF_8))
                    .send();
            device.disconnect();
            assertEquals(
                    42,
                    api.result(
                                    "devices",
                                    "telemetry.latest",
                                    ApiClient.args().put("device", firstRun.getProperty("device")))
                            .at("/values/shortTopic/value")
                            .asInt());
        } finally {
            app.disconnect();
            watcher.disconnect();
        }
    }

    private static void gatewayPublish(final Mqtt5BlockingClient gateway, final String topic, final String payload) {
        gateway.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /** The payload of the next publish on {@code topic}, skipping others. */
    private String next(final Mqtt5BlockingClient.Mqtt5Publishes publishes, final String topic)
            throws InterruptedException {
        while (true) {
            final var publish = publishes
                    .receive(10, TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("nothing on " + topic + broker.output()));
            if (publish.getTopic().toString().equals(topic)) {
                return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The devices of the next {@code count} stream events of one kind, skipping other events. */
    private Set<String> eventDevices(
            final Mqtt5BlockingClient.Mqtt5Publishes events, final String stream, final String kind, final int count)
            throws Exception {
        final Set<String> devices = new TreeSet<>();
        while (devices.size() < count) {
            final var event = JSON.readTree(next(events, stream));
            if (kind.equals(event.path("event").asText())) {
                devices.add(event.path("device").asText());
            }
        }
        return devices;
    }

    @Test
    @Order(11)
    void cli_rightAfterTheQuickStart_listsTheDevices_fromFirstRunTxt() throws Exception {
        final var cli = new ProcessBuilder(
                        BrokerProcess.distribution().resolve("bin/hive-iot").toString(), "devices", "list")
                .redirectErrorStream(true);
        // As the quick start leaves it, but with this test's instance folder and port.
        cli.environment().remove("HIVEMQ_DATA_FOLDER");
        cli.environment().put("HIVE_IOT_INSTANCE", dataFolder.getParent().toString());
        cli.environment().put("HIVE_IOT_PORT", Integer.toString(mqttPort));
        final Process process = cli.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/hive-iot did not end");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains(firstRun.getProperty("device")), output);
    }

    @Test
    @Order(12)
    void metrics_registeredByTheExtensions_areExactlyThoseDocumentedInOperationsMd() throws Exception {
        final Documentation operations = Documentation.page("operations.md");
        final Set<String> everyExtension = Documentation.firstCells(operations.section("Every extension"));
        final Set<String> documented = new TreeSet<>();
        for (final var extension : METRIC_SECTIONS.entrySet()) {
            final String prefix = extension.getKey();
            final String service = SERVICES.get(prefix);
            Documentation.firstCells(operations.section(extension.getValue()))
                    .forEach(name -> documented.add(prefix + name));
            everyExtension.forEach(name -> documented.add(prefix + name.replace("<service>", service)));
        }
        final Set<String> registered = RegisteredMetrics.of(broker.pid(), "hive-iot.");
        final Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        final Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(registered);
        assertEquals(Set.of(), undocumented, "registered, but missing in docs/operations.md");
        assertEquals(Set.of(), stale, "in docs/operations.md, but not registered");
    }

    @Test
    @Order(100)
    void sigterm_stopsBrokerCleanly_andLeavesLogFile() throws InterruptedException, IOException {
        assertEquals(EXIT_AFTER_SIGTERM, broker.stop(), broker.output());
        assertTrue(broker.stdout().contains("Shutdown completed."), broker.output());
        assertTrue(Files.size(logFolder.resolve("hivemq.log")) > 0, "hivemq.log missing or empty");
        // Everything went to the instance folder: the build's distribution stays as packaged.
        assertEquals(distributionFiles, files(BrokerProcess.distribution()));
    }

    /** Every file and folder below {@code root}, relative to it. */
    static Set<String> files(final Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(path -> root.relativize(path).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private Path firstRunFile() {
        return dataFolder.resolve("hive-iot/first-run.txt");
    }

    private String deviceToken() {
        return firstRun.getProperty("device-token");
    }

    private static String wrongToken() {
        return "wrong-" + UUID.randomUUID();
    }

    private Mqtt3BlockingClient mqtt3Client() {
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier("distribution-it-" + UUID.randomUUID())
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(mqttPort)
                .transportConfig()
                .mqttConnectTimeout(10, TimeUnit.SECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }

    private static Mqtt5BlockingClient mqtt5Client(final int port, final boolean webSocket) {
        return mqtt5Client(port, webSocket, "distribution-it-" + UUID.randomUUID());
    }

    private static Mqtt5BlockingClient mqtt5Client(final int port, final boolean webSocket, final String clientId) {
        final var builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(port)
                .transportConfig()
                .mqttConnectTimeout(10, TimeUnit.SECONDS)
                .applyTransportConfig();
        return webSocket
                ? builder.webSocketConfig()
                        .serverPath("mqtt")
                        .applyWebSocketConfig()
                        .buildBlocking()
                : builder.buildBlocking();
    }
}
