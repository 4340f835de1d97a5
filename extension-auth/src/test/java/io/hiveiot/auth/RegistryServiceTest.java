package io.hiveiot.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry service over MQTT, driven by a real application client. */
class RegistryServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    private Mqtt5BlockingClient app;
    private ApiClient api;

    @BeforeEach
    void connectApplication() throws Exception {
        final Map<String, String> firstRun = AuthDb.firstRun(broker.dataFolder());
        app = broker.mqtt5("demo/test-app");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(firstRun.get("app-secret")))
                .applySimpleAuth()
                .send();
        api = new ApiClient(app, "demo");
    }

    @AfterEach
    void closeApi() {
        api.close();
    }

    @Test
    void deviceCreate_returnsATokenTheDeviceConnectsWith() {
        final JsonNode created = api.result("registry", "device.create", args().put("name", "sensor-1"));
        assertEquals("sensor-1", created.get("name").asText());
        assertEquals("ACCESS_TOKEN", created.at("/credentials/type").asText());
        final String token = created.at("/credentials/token").asText();
        assertTrue(token.matches("[A-Za-z0-9]{20}"), created.toString());

        final var connAck = broker.mqtt5("TbDev")
                .connectWith()
                .simpleAuth()
                .username(token)
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, connAck.getReasonCode());
    }

    @Test
    void deviceCreate_withBasicCredentials_andTheSameNameTwice() {
        final var credentials = args().put("type", "MQTT_BASIC")
                .put("username", "basic-u")
                .put("password", "basic-p")
                .put("clientId", "basic-c");
        final var request = args().put("name", "basic-device");
        request.set("credentials", credentials);
        final JsonNode created = api.result("registry", "device.create", request);
        assertEquals("MQTT_BASIC", created.at("/credentials/type").asText());
        assertFalse(created.toString().contains("basic-p"), "a password is never echoed");

        final var connAck = broker.mqtt5("basic-c")
                .connectWith()
                .simpleAuth()
                .username("basic-u")
                .password(bytes("basic-p"))
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt5ConnAckReasonCode.SUCCESS, connAck.getReasonCode());
        assertEquals("conflict", api.errorCode("registry", "device.create", args().put("name", "basic-device")));
    }

    @Test
    void deviceCreate_rejectsNamesThatCouldWidenTopicFilters() {
        for (final String name : new String[] {"a/b", "a+b", "#", ""}) {
            assertEquals("bad-request", api.errorCode("registry", "device.create", args().put("name", name)), name);
        }
    }

    @Test
    void deviceList_pagesThroughTheAccountsDevicesOnly() throws Exception {
        new AuthDb(broker).addDevice("someone-else", "list-foreign");
        for (final String name : new String[] {"list-a", "list-b", "list-c"}) {
            api.result("registry", "device.create", args().put("name", name));
        }
        final Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            final var request = args().put("limit", 2);
            if (cursor != null) {
                request.put("cursor", cursor);
            }
            final JsonNode page = api.result("registry", "device.list", request);
            assertTrue(page.get("devices").size() <= 2);
            page.get("devices").forEach(device -> seen.add(device.get("name").asText()));
            cursor = page.has("cursor") ? page.get("cursor").asText() : null;
        } while (cursor != null);
        assertTrue(seen.containsAll(List.of("demo-device", "list-a", "list-b", "list-c")), seen.toString());
        assertFalse(seen.contains("list-foreign"), "another account's device must not be listed");
        assertEquals("not-found", api.errorCode("registry", "device.get", args().put("device", "list-foreign")));
    }

    @Test
    void deviceList_withSearch_listsMatchingNamesOfTheAccountOnly_withTheirStatus() throws Exception {
        new AuthDb(broker).addDevice("someone-else", "Search-Pump-foreign");
        for (final String name : new String[] {"search-pump-1", "search-PUMP-2", "search-valve", "pump_x%"}) {
            api.result("registry", "device.create", args().put("name", name));
        }
        final String token = api.result("registry", "device.create", args().put("name", "search-pump-online"))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient device = broker.mqtt5("search-pump-online");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();

        final JsonNode page = Await.until(
                () -> api.result("registry", "device.list", args().put("search", "Pump")),
                result -> result.findValues("active").stream().anyMatch(JsonNode::asBoolean));
        final List<String> names = new ArrayList<>();
        page.get("devices").forEach(listed -> names.add(listed.get("name").asText()));
        assertEquals(List.of("pump_x%", "search-PUMP-2", "search-pump-1", "search-pump-online"), names);
        for (final JsonNode listed : page.get("devices")) {
            assertEquals(
                    listed.get("name").asText().equals("search-pump-online"),
                    listed.at("/status/active").asBoolean(),
                    listed.toString());
            assertTrue(listed.get("status").has("lastActivityTime"), listed.toString());
        }
        // LIKE's wildcards are searched for as themselves
        assertEquals(
                1,
                api.result("registry", "device.list", args().put("search", "_x%"))
                        .get("devices")
                        .size());
        final JsonNode first = api.result(
                "registry", "device.list", args().put("search", "pump").put("limit", 2));
        final JsonNode second = api.result(
                "registry",
                "device.list",
                args().put("search", "pump")
                        .put("limit", 2)
                        .put("cursor", first.get("cursor").asText()));
        assertEquals("search-pump-1", second.at("/devices/0/name").asText(), "the cursor pages within the search");
        device.disconnect();
    }

    @Test
    void deviceGet_listsCredentialsWithoutSecrets_andStatus() throws Exception {
        final String token = api.result("registry", "device.create", args().put("name", "get-me"))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient device = broker.mqtt5("get-me");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();

        final JsonNode got = Await.until(
                () -> api.result("registry", "device.get", args().put("device", "get-me")),
                answer -> answer.at("/status/active").asBoolean());
        assertEquals(1, got.get("credentials").size());
        assertTrue(got.at("/credentials/0/id").asText().startsWith("token:"));
        assertFalse(got.toString().contains(token), "a token is shown once, at creation");
        assertTrue(got.at("/status/active").asBoolean(), got.toString());
        assertEquals(1, got.at("/status/connections").asInt());
    }

    @Test
    void credentialsRotate_disconnectsWithinOneSecond_andOnlyTheNewTokenWorks() throws Exception {
        final String oldToken = api.result("registry", "device.create", args().put("name", "rotating"))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient device = broker.mqtt5("rotating");
        device.connectWith().simpleAuth().username(oldToken).applySimpleAuth().send();

        final long start = System.nanoTime();
        final String newToken = api.result("registry", "credentials.rotate", args().put("device", "rotating"))
                .get("token")
                .asText();
        Await.until(() -> device.getState().isConnected(), connected -> !connected);
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(device.getState().isConnected());
        assertTrue(millis < 1_000, "revocation took " + millis + " ms");

        final var refused = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("rotating-old")
                        .connectWith()
                        .simpleAuth()
                        .username(oldToken)
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, refused.getMqttMessage().getReasonCode());
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                broker.mqtt5("rotating-new")
                        .connectWith()
                        .simpleAuth()
                        .username(newToken)
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
    }

    @Test
    void credentialsIssueAndRevoke_basicCredential() {
        api.result("registry", "device.create", args().put("name", "two-creds"));
        final var credentials =
                args().put("type", "MQTT_BASIC").put("username", "second-u").put("password", "p2");
        final var issue = args().put("device", "two-creds");
        issue.set("credentials", credentials);
        final String id =
                api.result("registry", "credentials.issue", issue).get("id").asText();
        final Mqtt5BlockingClient device = broker.mqtt5("any-client");
        device.connectWith()
                .simpleAuth()
                .username("second-u")
                .password(bytes("p2"))
                .applySimpleAuth()
                .send();

        assertEquals(
                1,
                api.result(
                                "registry",
                                "credentials.revoke",
                                args().put("device", "two-creds").put("credentialId", id))
                        .get("revoked")
                        .asInt());
        assertFalse(waitDisconnected(device));
        assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("any-client-2")
                        .connectWith()
                        .simpleAuth()
                        .username("second-u")
                        .password(bytes("p2"))
                        .applySimpleAuth()
                        .send());
        assertEquals(
                "not-found",
                api.errorCode(
                        "registry",
                        "credentials.revoke",
                        args().put("device", "two-creds").put("credentialId", id)));
    }

    @Test
    void deviceDelete_closesItsSession_andForgetsItsToken() throws Exception {
        final String token = api.result("registry", "device.create", args().put("name", "doomed"))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient device = broker.mqtt5("doomed");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();

        assertTrue(api.result("registry", "device.delete", args().put("device", "doomed"))
                .get("deleted")
                .asBoolean());
        assertFalse(waitDisconnected(device));
        final var refused = assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("doomed-2")
                        .connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refused.getMqttMessage().getReasonCode());
        assertEquals("not-found", api.errorCode("registry", "status", args().put("device", "doomed")));
    }

    @Test
    void accountCreate_byAnAdministrativeAccount_givesAWorkingAppSecret() {
        final JsonNode created = api.result("registry", "account.create", args().put("id", "tenant-x"));
        assertEquals("tenant-x", created.get("appId").asText());
        final Mqtt5BlockingClient tenantApp = broker.mqtt5("tenant-x");
        tenantApp
                .connectWith()
                .simpleAuth()
                .username("tenant-x")
                .password(bytes(created.get("appSecret").asText()))
                .applySimpleAuth()
                .send();
        try (var tenantApi = new ApiClient(tenantApp, "tenant-x")) {
            assertEquals("forbidden", tenantApi.errorCode("registry", "account.create", args().put("id", "tenant-y")));
            assertEquals("forbidden", tenantApi.errorCode("registry", "account.list", args()));
            assertEquals(
                    0,
                    tenantApi
                            .result("registry", "device.list", args())
                            .get("devices")
                            .size());
        }
        assertEquals("conflict", api.errorCode("registry", "account.create", args().put("id", "tenant-x")));
        final String rotated = api.result("registry", "account.rotate-secret", args().put("id", "tenant-x"))
                .get("appSecret")
                .asText();
        assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("tenant-x/old")
                        .connectWith()
                        .simpleAuth()
                        .username("tenant-x")
                        .password(bytes(created.get("appSecret").asText()))
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                broker.mqtt5("tenant-x/new")
                        .connectWith()
                        .simpleAuth()
                        .username("tenant-x")
                        .password(bytes(rotated))
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
        assertEquals("bad-request", api.errorCode("registry", "account.create", args().put("id", "Bad_Id")));
        assertEquals("bad-request", api.errorCode("registry", "account.create", args().put("id", "default")));
    }

    @Test
    void unknownArgumentNames_areBadRequestsNamingThem_atEveryLevel() {
        final JsonNode answer = api.call(
                "registry", "device.create", args().put("name", "typo-device").put("publishTopic", "accounts/demo/x"));
        assertEquals("bad-request", answer.at("/error/code").asText());
        assertTrue(
                answer.at("/error/message")
                        .asText()
                        .startsWith("args.publishTopic is not an argument of "
                                + "device.create; it takes name, credentials"),
                answer.toString());
        final var nested = args().put("name", "typo-device");
        nested.putObject("credentials")
                .put("type", "MQTT_BASIC")
                .put("username", "u")
                .put("passwrd", "p");
        assertTrue(api.call("registry", "device.create", nested)
                .at("/error/message")
                .asText()
                .startsWith("args.credentials.passwrd is not an argument of device.create"));
        assertEquals("bad-request", api.errorCode("registry", "account.list", args().put("all", true)));
        assertEquals(
                "not-found",
                api.errorCode("registry", "device.get", args().put("device", "typo-device")),
                "nothing was created");
    }

    @Test
    void badRequests_areAnsweredWithCodes() throws Exception {
        assertEquals("unknown-op", api.errorCode("registry", "device.explode", args()));
        assertEquals("bad-request", api.errorCode("registry", "device.get", args()));
        assertEquals("bad-request", api.errorCode("registry", "device.list", args().put("limit", 0)));

        app.publishWith()
                .topic("users/demo/api/registry/request/raw")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("not json"))
                .send();
        final JsonNode answer = api.awaitAnswer("registry", "raw", 10).orElseThrow();
        assertEquals("bad-request", answer.at("/error/code").asText());
        assertFalse(answer.get("ok").asBoolean());
    }

    @Test
    void requestToAnotherAccount_isNotAuthorized() {
        final var error = assertThrows(
                Mqtt5PubAckException.class,
                () -> app.publishWith()
                        .topic("users/other/api/registry/request/1")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{\"op\":\"device.list\"}"))
                        .send());
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED, error.getMqttMessage().getReasonCode());
    }

    @Test
    void sameRequestIdTwice_isAnsweredOnce() {
        api.send("registry", "device.create", args().put("name", "once"), "dup-1");
        api.send("registry", "device.create", args().put("name", "once"), "dup-1");
        assertTrue(
                api.awaitAnswer("registry", "dup-1", 10).orElseThrow().get("ok").asBoolean());
        assertTrue(api.awaitAnswer("registry", "dup-1", 1).isEmpty(), "a repeated request must not run again");
    }

    @Test
    void mqtt5ResponseTopicAndCorrelationData_areHonoured() throws Exception {
        try (var publishes = app.publishes(MqttGlobalPublishFilter.ALL)) {
            app.publishWith()
                    .topic("users/demo/api/registry/request/corr")
                    .responseTopic("users/demo/api/registry/response/mine")
                    .correlationData(bytes("c-42"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"op\":\"device.list\"}"))
                    .send();
            final var reply = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals(
                    "users/demo/api/registry/response/mine", reply.getTopic().toString());
            assertEquals(
                    "c-42",
                    StandardCharsets.UTF_8
                            .decode(reply.getCorrelationData().orElseThrow())
                            .toString());
            assertEquals(
                    "application/json", reply.getContentType().orElseThrow().toString());
        }
    }

    @Test
    void mqtt311Application_getsItsAnswersToo() throws Exception {
        final Mqtt3BlockingClient app3 = broker.mqtt3("demo/v3");
        app3.connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(AuthDb.firstRun(broker.dataFolder()).get("app-secret")))
                .applySimpleAuth()
                .send();
        try (var publishes = app3.publishes(MqttGlobalPublishFilter.ALL)) {
            app3.publishWith()
                    .topic("users/demo/api/registry/request/v3")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"op\":\"status\",\"args\":{\"device\":\"demo-device\"}}"))
                    .send();
            final var reply = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals("users/demo/api/registry/response/v3", reply.getTopic().toString());
            assertTrue(JSON.readTree(reply.getPayloadAsBytes()).get("ok").asBoolean());
        }
    }

    @Test
    void deviceConnectAndDisconnect_areEventsOnTheAccountStream() throws Exception {
        final String token = api.result("registry", "device.create", args().put("name", "eventful"))
                .at("/credentials/token")
                .asText();
        final List<JsonNode> events = new ArrayList<>();
        try (var publishes = app.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            app.subscribeWith()
                    .topicFilter("users/demo/devices/eventful/+")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            final Mqtt5BlockingClient device = broker.mqtt5("sent-id");
            device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
            device.disconnect();
            for (int i = 0; i < 2; i++) {
                events.add(JSON.readTree(
                        publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()));
            }
        }
        assertEquals("connected", events.get(0).get("event").asText());
        assertEquals("disconnected", events.get(1).get("event").asText());
        assertEquals("eventful", events.get(0).get("device").asText());
        assertEquals("sent-id", events.get(0).at("/data/clientId").asText());
        assertTrue(events.get(0).get("deviceId").asText().matches("[0-9a-f-]{36}"));
    }

    @Test
    void connectionEvents_ofAnAccountWithoutStreamSubscriber_areCountedNotPublished() throws Exception {
        final String secret = api.result("registry", "account.create", args().put("id", "quiet-events"))
                .get("appSecret")
                .asText();
        final Mqtt5BlockingClient quietApp = broker.mqtt5("quiet-events/app");
        quietApp.connectWith()
                .simpleAuth()
                .username("quiet-events")
                .password(bytes(secret))
                .applySimpleAuth()
                .send();
        final String token;
        try (var quietApi = new ApiClient(quietApp, "quiet-events")) {
            token = quietApi.result("registry", "device.create", args().put("name", "sensor"))
                    .at("/credentials/token")
                    .asText();
        }
        final long before = unsubscribedEvents();
        final Mqtt5BlockingClient device = broker.mqtt5("quiet-sensor");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        assertEquals(before + 1, Await.until(RegistryServiceTest::unsubscribedEvents, count -> count > before));

        try (var publishes = quietApp.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            quietApp.subscribeWith()
                    .topicFilter("users/quiet-events/devices")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            device.disconnect();
            final JsonNode event = JSON.readTree(
                    publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes());
            assertEquals("disconnected", event.get("event").asText());
        }
        assertEquals(before + 1, unsubscribedEvents());
    }

    private static long unsubscribedEvents() {
        return broker.metrics().counter("hive-iot.auth.events.unsubscribed").getCount();
    }

    @Test
    void provisionProfile_createdThroughTheRegistry_opensProvisioning_untilDeleted() throws Exception {
        final JsonNode profile = api.result("registry", "provision-profile.create", args());
        final String key = profile.get("key").asText();
        final String secret = profile.get("secret").asText();
        assertEquals("ALLOW_CREATE_NEW_DEVICES", profile.get("strategy").asText());
        assertEquals(
                key,
                api.result("registry", "provision-profile.list", args())
                        .at("/profiles/0/key")
                        .asText());

        final Mqtt5BlockingClient device = broker.mqtt5("provision");
        device.connect();
        try (var publishes = device.publishes(MqttGlobalPublishFilter.ALL)) {
            device.publishWith()
                    .topic("/provision/request")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"deviceName\":\"from-profile\",\"provisionDeviceKey\":\"" + key
                            + "\",\"provisionDeviceSecret\":\"" + secret + "\"}"))
                    .send();
            final JsonNode response = JSON.readTree(
                    publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes());
            assertEquals("SUCCESS", response.get("status").asText(), response.toString());
        }
        assertEquals(
                "from-profile",
                api.result("registry", "device.get", args().put("device", "from-profile"))
                        .get("name")
                        .asText());

        assertTrue(api.result("registry", "provision-profile.delete", args().put("key", key))
                .get("deleted")
                .asBoolean());
        assertThrows(
                Mqtt5ConnAckException.class,
                () -> broker.mqtt5("provision").connect(),
                "without a profile, 'provision' is no provisioning login");
    }

    @Test
    void schema_describesExactlyTheOpsTheServiceHas() throws Exception {
        final Set<String> described = new HashSet<>();
        try (var in = AuthExtensionMain.class.getResourceAsStream("/api/registry.schema.json")) {
            JSON.readTree(in).get("ops").fieldNames().forEachRemaining(described::add);
        }
        final String message =
                api.call("registry", "no-such-op", args()).at("/error/message").asText();
        final Set<String> served =
                Set.of(message.substring(message.indexOf(" has ") + 5).split(", "));
        assertEquals(described, served);
    }

    private static boolean waitDisconnected(final Mqtt5BlockingClient client) {
        try {
            return Await.until(() -> client.getState().isConnected(), connected -> !connected);
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
