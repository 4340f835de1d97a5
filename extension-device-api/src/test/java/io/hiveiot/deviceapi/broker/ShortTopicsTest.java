package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static io.hiveiot.testkit.ApiClient.args;
import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ThingsBoard's short topics ({@code v2/...}): the same API as {@code v1/devices/me/...}, answered in kind. */
class ShortTopicsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void telemetryAndAttributes_onEveryShortForm_areStoredAsOnV1() throws Exception {
        final Devices.Device device = devices.create("v2-data");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/t", "{\"a\":1}"));
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/t/j", "{\"b\":2.5}"));
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/a", "{\"model\":\"T1\"}"));
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/a/j", "{\"fw\":\"1.0\"}"));
        try (var api = new ApiClient(devices.demoApp("v2-app"), "demo")) {
            final JsonNode latest = api.result("devices", "telemetry.latest", args().put("device", device.name()))
                    .get("values");
            assertEquals(1, latest.get("a").get("value").asInt());
            assertEquals(2.5, latest.get("b").get("value").asDouble());
            assertEquals(
                    JSON.readTree("{\"model\":\"T1\",\"fw\":1.0}"),
                    api.result(
                                    "devices",
                                    "attributes.get",
                                    args().put("device", device.name()).put("scope", "client"))
                            .get("client"));
        }
    }

    @Test
    void attributeRequests_areAnsweredOnTheResponseTopicOfTheirForm() throws Exception {
        final Devices.Device device = devices.create("v2-req");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        qos1(client, "v2/a", "{\"model\":\"T1\"}");
        try (var answers = client.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/a/req/3", "{\"clientKeys\":\"model\"}"));
            assertEquals("v2/a/res/3 {\"client\":{\"model\":\"T1\"}}", text(answers));
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/a/req/j/4", "{}"));
            assertEquals("v2/a/res/j/4 {\"client\":{\"model\":\"T1\"}}", text(answers));
        }
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v2/a/req/x", "{}"));
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v2/r/req/1", "{\"params\":{}}"));
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v2/r/req/j/1", "[]"));
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v2/r/res/x", "{}"));
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v2/t/p", "{\"a\":1}"));
        assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, qos1(client, "v2/unknown", "{}"));
        assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, qos1(client, "v2/t/x", "{}"));
    }

    @Test
    void serverRpc_goesToTheFamilyTheDeviceSubscribedWith_andItsShortResponseAnswers() throws Exception {
        final Devices.Device device = devices.create("v2-rpc");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        client.subscribeWith()
                .topicFilter("v2/r/req/+")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var api = new ApiClient(devices.demoApp("v2-rpc-app"), "demo")) {
            api.send("devices", "rpc", args().put("device", device.name()).put("method", "ping"), "v2-call");
            final Mqtt5Publish request = requests.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertTrue(
                    request.getTopic().toString().startsWith("v2/r/req/"),
                    request.getTopic().toString());
            assertEquals(
                    "{\"method\":\"ping\",\"params\":{}}",
                    new String(request.getPayloadAsBytes(), StandardCharsets.UTF_8));
            final String id = request.getTopic().toString().substring("v2/r/req/".length());
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/r/res/" + id, "{\"pong\":true}"));
            assertEquals(
                    JSON.readTree("{\"pong\":true}"),
                    api.awaitAnswer("devices", "v2-call", 5)
                            .orElseThrow()
                            .get("result")
                            .get("response"));
        }
    }

    @Test
    void clientRpc_onAShortTopic_isAnsweredOnItsShortResponseTopic() throws Exception {
        final Devices.Device device = devices.create("v2-client-rpc");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        final Mqtt5BlockingClient app = devices.demoApp("v2-client-rpc-app");
        app.subscribeWith()
                .topicFilter("users/demo/devices/" + device.name() + "/rpc")
                .send();
        try (var events = app.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var answers = client.publishes(MqttGlobalPublishFilter.ALL);
                var api = new ApiClient(devices.demoApp("v2-client-rpc-api"), "demo")) {
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v2/r/req/j/5", "{\"method\":\"getTime\"}"));
            assertEquals(
                    "getTime",
                    TelemetryTest.event(events, "rpc").get("data").get("method").asText());
            api.result(
                    "devices",
                    "rpc.reply",
                    args().put("device", device.name())
                            .put("requestId", 5)
                            .set("response", JSON.readTree("{\"time\":1}")));
            assertEquals("v2/r/res/j/5 {\"time\":1}", text(answers));
        }
    }

    @Test
    void aDevice_mayOnlySubscribeWhereSomethingIsPublished() {
        final Mqtt5BlockingClient client;
        try {
            client = devices.mqtt5(devices.create("v2-subscribe"));
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
        for (final String granted : List.of(
                "v1/devices/me/attributes",
                "v1/devices/me/rpc/request/+",
                "v1/devices/me/attributes/response/1",
                "v2/a",
                "v2/a/p",
                "v2/r/req/+",
                "v2/r/req/j/+",
                "v2/a/res/+",
                "v2/fw/response/+/chunk/+",
                "v2/fw/error")) {
            assertEquals(0x01, subscribeCode(client, granted), granted);
        }
        for (final String refused : List.of(
                "v1/devices/me/#",
                "v2/#",
                "v2/fw/response/+",
                "v1/devices/me/telemetry",
                "v2/t",
                "v1/gateway/rpc",
                "#")) {
            assertEquals(0x87, subscribeCode(client, refused), refused);
        }
        assertTrue(client.getState().isConnected(), "a refused SUBSCRIBE keeps the connection");
    }

    private static String text(final Mqtt5BlockingClient.Mqtt5Publishes publishes) throws Exception {
        final Mqtt5Publish publish = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
        return publish.getTopic() + " " + new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
