package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.bytes;
import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ThingsBoard's gateway API end to end: a gateway speaking for three sub-devices through one connection, with
 * hive-iot-auth (from its zip) creating the sub-devices and this extension storing their data.
 */
class GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void aGatewayWithThreeSubDevices_storesPushesCallsAnswersAndDisconnects_asThingsBoardDoes() throws Exception {
        final Devices.Device gateway = devices.createGateway("gw");
        final String a = gateway.name() + "-A";
        final String b = gateway.name() + "-B";
        final String c = gateway.name() + "-C";
        final Mqtt5BlockingClient watcher = devices.demoApp("gw-watch");
        watcher.subscribeWith().topicFilter("users/demo/devices").send();
        final Mqtt5BlockingClient client = devices.mqtt5(gateway);
        client.subscribeWith()
                .topicFilter("v1/gateway/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        client.subscribeWith()
                .topicFilter("v1/gateway/rpc")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var events = watcher.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var received = client.publishes(MqttGlobalPublishFilter.ALL);
                var api = new ApiClient(devices.demoApp("gw-app"), "demo")) {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(client, "v1/gateway/connect", "{\"device\":\"" + a + "\",\"type\":\"default\"}"));
            assertEquals(Set.of(a), connectionEvents(events, "connected", 1, gateway.name()));

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                            client,
                            "v1/gateway/telemetry",
                            "{\"" + a + "\":[{\"ts\":1483228800000,\"values\":{\"temperature\":42,\"humidity\":80.5}}],"
                                    + "\"" + b + "\":[{\"temperature\":\"21\"}],"
                                    + "\"" + c + "\":[{\"ts\":1483228801000,\"values\":{\"on\":true}}]}"));
            assertEquals(Set.of(b, c), connectionEvents(events, "connected", 2, gateway.name()));
            assertEquals(
                    JSON.readTree("{\"temperature\":{\"ts\":1483228800000,\"value\":42},"
                            + "\"humidity\":{\"ts\":1483228800000,\"value\":80.5}}"),
                    api.result("devices", "telemetry.latest", args().put("device", a))
                            .get("values"));
            assertEquals(
                    21,
                    api.result("devices", "telemetry.latest", args().put("device", b))
                            .get("values")
                            .get("temperature")
                            .get("value")
                            .asInt());
            assertTrue(api.result("devices", "telemetry.latest", args().put("device", c))
                    .get("values")
                    .get("on")
                    .get("value")
                    .asBoolean());

            final JsonNode registered = api.result("registry", "device.get", args().put("device", b));
            assertEquals(gateway.name(), registered.get("parentGateway").asText());
            assertTrue(registered.get("status").get("active").asBoolean());

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(client, "v1/gateway/attributes", "{\"" + a + "\":{\"model\":\"T1\",\"fw\":1.5}}"));
            api.result(
                    "devices",
                    "attributes.set",
                    args().put("device", b).set("attributes", JSON.readTree("{\"interval\":30}")));
            assertEquals(
                    "{\"device\":\"" + b + "\",\"data\":{\"interval\":30}}", next(received, "v1/gateway/attributes"));

            api.send(
                    "devices",
                    "rpc",
                    args().put("device", c).put("method", "setState").set("params", JSON.readTree("{\"on\":false}")),
                    "gw-call");
            final JsonNode request = JSON.readTree(next(received, "v1/gateway/rpc"));
            assertEquals(c, request.get("device").asText());
            assertEquals(
                    JSON.readTree("{\"method\":\"setState\",\"params\":{\"on\":false}}"),
                    ((ObjectNode) request.get("data").deepCopy()).without("id"));
            final int id = request.get("data").get("id").asInt();
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                            client,
                            "v1/gateway/rpc",
                            "{\"device\":\"" + c + "\",\"id\":" + id + ",\"data\":{\"success\":true}}"));
            assertEquals(
                    JSON.readTree(
                            "{\"ok\":true,\"result\":{\"requestId\":" + id + ",\"response\":{\"success\":true}}}"),
                    api.awaitAnswer("devices", "gw-call", 5).orElseThrow());

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                            client,
                            "v1/gateway/attributes/request",
                            "{\"id\":7,\"device\":\"" + a + "\",\"client\":true,\"key\":\"model\"}"));
            assertEquals(
                    "{\"id\":7,\"device\":\"" + a + "\",\"value\":\"T1\"}",
                    next(received, "v1/gateway/attributes/response"));
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                            client,
                            "v1/gateway/attributes/request",
                            "{\"id\":8,\"device\":\"" + b
                                    + "\",\"client\":false,\"keys\":[\"interval\",\"unknown\"]}"));
            assertEquals(
                    "{\"id\":8,\"device\":\"" + b + "\",\"values\":{\"interval\":30}}",
                    next(received, "v1/gateway/attributes/response"));

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v1/gateway/disconnect", "{\"device\":\"" + a + "\"}"));
            assertEquals(Set.of(a), connectionEvents(events, "disconnected", 1, ""));
            client.disconnect();
            final Set<String> gone = connectionEvents(events, "disconnected", 3, "");
            assertTrue(gone.containsAll(Set.of(b, c, gateway.name())), gone.toString());
            assertFalse(Await.until(
                            () -> api.result("registry", "status", args().put("device", c)),
                            status -> !status.get("active").asBoolean())
                    .get("active")
                    .asBoolean());
        }
    }

    @Test
    void badInput_isAnsweredAsOnTheDeviceTopics_andNothingOfTheMessageIsStored() throws Exception {
        final Devices.Device gateway = devices.createGateway("gw-bad");
        final Devices.Device plain = devices.create("not-a-gw");
        final Devices.Device other = devices.createGateway("gw-other");
        final Mqtt5BlockingClient client = devices.mqtt5(gateway);
        try (var api = new ApiClient(devices.demoApp("gw-bad-app"), "demo")) {
            final String sub = gateway.name() + "-sub";
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    qos1(client, "v1/gateway/telemetry", "{\"" + sub + "\":{\"temperature\":1}}"));
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    qos1(client, "v1/gateway/attributes", "{\"" + sub + "\":[{\"model\":1}]}"));
            assertEquals(
                    "not-found",
                    api.errorCode("registry", "device.get", args().put("device", sub)),
                    "a message refused for its shape creates no sub-device");
            assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v1/gateway/connect", "{}"));
            assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v1/gateway/disconnect", "[]"));
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    qos1(client, "v1/gateway/claim", "{\"" + sub + "\":\"secret\"}"));
            assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v1/gateway/attributes", "oops"));
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    qos1(client, "v1/gateway/rpc", "{\"device\":\"" + sub + "\",\"id\":0}"));
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    qos1(
                            client,
                            "v1/gateway/attributes/request",
                            "{\"id\":1,\"device\":\"" + sub + "\",\"key\":\"k\"}"));
            assertEquals(
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    qos1(client, "v1/gateway/connect", "{\"device\":\"a/b\"}"));
            assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, qos1(client, "v1/gateway/unknown", "{}"));

            // A device of the account that is not this gateway's sub-device: refused whole, nothing stored, and the
            // new name beside it is not created.
            final String fresh = gateway.name() + "-fresh";
            assertEquals(
                    Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                    qos1(
                            client,
                            "v1/gateway/telemetry",
                            "{\"" + fresh + "\":[{\"t\":1}],\"" + plain.name() + "\":[{\"t\":2}]}"));
            assertEquals(
                    0,
                    api.result("devices", "telemetry.latest", args().put("device", plain.name()))
                            .get("values")
                            .size());
            assertEquals("not-found", api.errorCode("devices", "telemetry.latest", args().put("device", fresh)));

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v1/gateway/connect", "{\"device\":\"" + sub + "\"}"));
            final Mqtt5BlockingClient otherClient = devices.mqtt5(other);
            assertEquals(
                    Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                    qos1(otherClient, "v1/gateway/telemetry", "{\"" + sub + "\":[{\"t\":3}]}"));

            final Mqtt5BlockingClient plainClient = devices.mqtt5(plain);
            assertEquals(
                    Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                    qos1(plainClient, "v1/gateway/telemetry", "{\"" + sub + "\":[{\"t\":4}]}"));
            assertEquals(
                    0,
                    api.result("devices", "telemetry.latest", args().put("device", sub))
                            .get("values")
                            .size());
        }
        final Mqtt3BlockingClient mqtt3 = devices.mqtt3(gateway);
        assertThrows(
                RuntimeException.class,
                () -> mqtt3.publishWith()
                        .topic("v1/gateway/telemetry")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("[1]"))
                        .send());
        Await.until(() -> mqtt3.getState().isConnected(), connected -> !connected);
    }

    @Test
    void anotherAccountsDeviceOfTheSameName_isNeverTouched_theGatewayGetsItsOwn() throws Exception {
        final Devices.Device gateway = devices.createGateway("gw-names");
        final Mqtt5BlockingClient client = devices.mqtt5(gateway);
        try (var admin = new ApiClient(devices.demoApp("gw-admin"), "demo")) {
            final JsonNode account = admin.result("registry", "account.create", args().put("id", "gw-other-acct"));
            final Mqtt5BlockingClient otherApp = broker.mqtt5("gw-other-acct/app");
            otherApp.connectWith()
                    .simpleAuth()
                    .username("gw-other-acct")
                    .password(account.get("appSecret").asText().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            try (var other = new ApiClient(otherApp, "gw-other-acct")) {
                final String id = other.result("registry", "device.create", args().put("name", "shared-name"))
                        .get("id")
                        .asText();
                assertEquals(
                        Mqtt5PubAckReasonCode.SUCCESS,
                        qos1(client, "v1/gateway/telemetry", "{\"shared-name\":[{\"t\":1}]}"));
                assertEquals(
                        0,
                        other.result("devices", "telemetry.latest", args().put("device", "shared-name"))
                                .get("values")
                                .size());
                final JsonNode own = admin.result("registry", "device.get", args().put("device", "shared-name"));
                assertFalse(own.get("id").asText().equals(id));
                assertEquals(
                        1,
                        admin.result("devices", "telemetry.latest", args().put("device", "shared-name"))
                                .get("values")
                                .get("t")
                                .get("value")
                                .asInt());
            }
        }
    }

    private static String next(final Mqtt5BlockingClient.Mqtt5Publishes publishes, final String topic)
            throws Exception {
        while (true) {
            final Mqtt5Publish publish =
                    publishes.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("nothing on " + topic));
            if (publish.getTopic().toString().equals(topic)) {
                return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The devices of the next {@code count} events of one kind. */
    /**
     * @param ignored a device whose events are left out: the gateway's own {@code connected} is published once its
     *                connection's status is committed, which may be before or after the stream is read
     */
    private static Set<String> connectionEvents(
            final Mqtt5BlockingClient.Mqtt5Publishes events, final String kind, final int count, final String ignored)
            throws Exception {
        final Set<String> devices = new HashSet<>();
        while (devices.size() < count) {
            final String device =
                    TelemetryTest.event(events, kind).get("device").asText();
            if (!device.equals(ignored)) {
                devices.add(device);
            }
        }
        return devices;
    }
}
