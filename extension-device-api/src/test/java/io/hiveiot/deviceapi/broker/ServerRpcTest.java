package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.bytes;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Server-side RPC that is not persistent: the application's call, the device's request and response. */
class ServerRpcTest {

    static final String REQUESTS = "v1/devices/me/rpc/request/+";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void twoWay_theDeviceGetsThingsBoardsRequest_andItsResponseIsTheAnswer_idsCountingFromZero() throws Exception {
        final Devices.Device device = devices.create("gpio");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        client.subscribeWith().topicFilter(REQUESTS).qos(MqttQos.AT_LEAST_ONCE).send();
        try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var api = new ApiClient(devices.demoApp("rpc-caller"), "demo")) {
            for (int id = 0; id < 2; id++) {
                api.send(
                        "devices",
                        "rpc",
                        args().put("device", device.name())
                                .put("method", "setGpio")
                                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                        "params", JSON.readTree("{\"pin\":\"26\",\"value\":1}")),
                        "call-" + id);
                final Mqtt5Publish request =
                        requests.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertEquals(
                        "v1/devices/me/rpc/request/" + id, request.getTopic().toString());
                assertEquals(
                        "{\"method\":\"setGpio\",\"params\":{\"pin\":\"26\",\"value\":1}}",
                        new String(request.getPayloadAsBytes(), StandardCharsets.UTF_8));
                client.publishWith()
                        .topic("v1/devices/me/rpc/response/" + id)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{\"pin\":26,\"state\":" + id + "}"))
                        .send();
                final JsonNode answer =
                        api.awaitAnswer("devices", "call-" + id, 5).orElseThrow();
                assertEquals(
                        JSON.readTree("{\"ok\":true,\"result\":{\"requestId\":" + id
                                + ",\"response\":{\"pin\":26,\"state\":" + id + "}}}"),
                        answer);
            }
        }
    }

    @Test
    void twoWay_aResponseThatIsNotJson_isPassedOnAsText_andAnEmptyOneAsNull() throws Exception {
        final Devices.Device device = devices.create("text");
        final Mqtt3BlockingClient client = devices.mqtt3(device);
        client.subscribeWith().topicFilter(REQUESTS).qos(MqttQos.AT_LEAST_ONCE).send();
        try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var api = new ApiClient(devices.demoApp("text-caller"), "demo")) {
            api.send("devices", "rpc", args().put("device", device.name()).put("method", "hello"), "text-1");
            final Mqtt3Publish first = requests.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals(
                    "{\"method\":\"hello\",\"params\":{}}",
                    new String(first.getPayloadAsBytes(), StandardCharsets.UTF_8));
            client.publishWith()
                    .topic(first.getTopic().toString().replace("request", "response"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("OK done"))
                    .send();
            assertEquals(
                    "OK done",
                    api.awaitAnswer("devices", "text-1", 5)
                            .orElseThrow()
                            .at("/result/response")
                            .asText());

            api.send("devices", "rpc", args().put("device", device.name()).put("method", "hello"), "text-2");
            final Mqtt3Publish second = requests.receive(5, TimeUnit.SECONDS).orElseThrow();
            client.publishWith()
                    .topic(second.getTopic().toString().replace("request", "response"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertEquals(
                    true,
                    api.awaitAnswer("devices", "text-2", 5)
                            .orElseThrow()
                            .at("/result/response")
                            .isNull());
        }
    }

    @Test
    void oneWay_isAnsweredOnceSent_withTheRequestId() throws Exception {
        final Devices.Device device = devices.create("oneway");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        client.subscribeWith()
                .topicFilter("v1/devices/me/rpc/request/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var requests = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var api = new ApiClient(devices.demoApp("oneway-caller"), "demo")) {
            final JsonNode result = api.result(
                    "devices",
                    "rpc",
                    args().put("device", device.name()).put("method", "reboot").put("oneway", true));
            assertEquals(0, result.get("requestId").asInt());
            assertEquals(
                    "v1/devices/me/rpc/request/0",
                    requests.receive(5, TimeUnit.SECONDS)
                            .orElseThrow()
                            .getTopic()
                            .toString());
        }
    }

    @Test
    void twoWay_withoutAResponse_isATimeoutError() throws Exception {
        final Devices.Device device = devices.create("silent");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        client.subscribeWith().topicFilter(REQUESTS).qos(MqttQos.AT_LEAST_ONCE).send();
        try (var api = new ApiClient(devices.demoApp("silent-caller"), "demo")) {
            final JsonNode answer = api.call(
                    "devices",
                    "rpc",
                    args().put("device", device.name()).put("method", "ping").put("timeoutMs", 300));
            assertEquals("timeout", answer.at("/error/code").asText());
            // A late response changes nothing and is acknowledged.
            client.publishWith()
                    .topic("v1/devices/me/rpc/response/0")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{}"))
                    .send();
        }
    }

    @Test
    void aDeviceNotConnected_orNotSubscribed_isUnavailable_atOnce() throws Exception {
        final Devices.Device offline = devices.create("offline");
        final Devices.Device deaf = devices.create("deaf");
        devices.mqtt5(deaf);
        final Mqtt5BlockingClient gone = devices.mqtt5(offline);
        gone.subscribeWith().topicFilter(REQUESTS).send();
        gone.disconnect();
        try (var api = new ApiClient(devices.demoApp("unavailable-caller"), "demo")) {
            final JsonNode notConnected = api.call(
                    "devices", "rpc", args().put("device", offline.name()).put("method", "x"));
            assertEquals("unavailable", notConnected.at("/error/code").asText());
            assertEquals(true, notConnected.at("/error/message").asText().contains("persistent"));
            final JsonNode notSubscribed =
                    api.call("devices", "rpc", args().put("device", deaf.name()).put("method", "x"));
            assertEquals("unavailable", notSubscribed.at("/error/code").asText());
            assertEquals(true, notSubscribed.at("/error/message").asText().contains("rpc/request/+"));
        }
    }

    @Test
    void badArguments_andDevicesOfOtherAccounts_areRefused() throws Exception {
        final Devices.Device device = devices.create("args");
        try (var api = new ApiClient(devices.demoApp("args-caller"), "demo")) {
            assertEquals("bad-request", api.errorCode("devices", "rpc", args().put("device", device.name())));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "rpc",
                            args().put("device", device.name())
                                    .put("method", "x")
                                    .put("timeoutMs", 0)));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "rpc",
                            args().put("device", device.name())
                                    .put("method", "x")
                                    .put("expirationTime", 1)));
            assertEquals(
                    "not-found",
                    api.errorCode("devices", "rpc", args().put("device", "nope").put("method", "x")));
            final String otherSecret = api.result("registry", "account.create", args().put("id", "rpc-other"))
                    .get("appSecret")
                    .asText();
            final Mqtt5BlockingClient other = broker.mqtt5("rpc-other/app");
            other.connectWith()
                    .simpleAuth()
                    .username("rpc-other")
                    .password(otherSecret.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            try (var otherApi = new ApiClient(other, "rpc-other")) {
                assertEquals(
                        "not-found",
                        otherApi.errorCode(
                                "devices",
                                "rpc",
                                args().put("device", device.name()).put("method", "x")));
            }
        }
    }

    @Test
    void theDevicesOwnPublishes_onRpcTopics_reachNoOtherClient() throws Exception {
        final Devices.Device device = devices.create("private");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        final Mqtt5BlockingClient other = devices.mqtt5(devices.create("listener"));
        TelemetryTest.subscribeWherePushesArrive(other);
        try (var received = other.publishes(MqttGlobalPublishFilter.ALL)) {
            client.publishWith()
                    .topic("v1/devices/me/rpc/response/5")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{}"))
                    .send();
            client.publishWith()
                    .topic("v1/devices/me/rpc/request/5")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"method\":\"getTime\",\"params\":{}}"))
                    .send();
            final Optional<Mqtt5Publish> leaked = received.receive(500, TimeUnit.MILLISECONDS);
            assertFalse(leaked.isPresent(), () -> "leaked " + leaked.get());
        }
    }
}
