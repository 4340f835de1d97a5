package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.bytes;
import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Client-side RPC: a device's own request, answered by an application (or by the timeout), without subscribing. */
class ClientRpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker =
            Brokers.withAuth().extensionConfig(Brokers.ID, """
                    <hive-iot-device-api>
                        <rpc><client-side-timeout>PT1S</client-side-timeout></rpc>
                    </hive-iot-device-api>
                    """).build();

    private final Devices devices = new Devices(broker);

    @Test
    void aDevicesRequest_isAnRpcEvent_andTheApplicationsReplyReachesTheDevice_withoutItSubscribing() throws Exception {
        final Devices.Device device = devices.create("asks");
        final Mqtt5BlockingClient app = devices.demoApp("answers");
        app.subscribeWith()
                .topicFilter("users/demo/devices/" + device.name() + "/rpc")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        final Mqtt3BlockingClient client = devices.mqtt3(device);
        try (var events = app.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var received = client.publishes(MqttGlobalPublishFilter.ALL);
                var api = new ApiClient(devices.demoApp("replier"), "demo")) {
            client.publishWith()
                    .topic("v1/devices/me/rpc/request/7")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"method\":\"getTime\",\"params\":{\"tz\":\"UTC\"}}"))
                    .send();
            final JsonNode event = TelemetryTest.event(events, "rpc");
            assertEquals(
                    JSON.readTree("{\"direction\":\"from-device\",\"requestId\":7,\"method\":\"getTime\","
                            + "\"params\":{\"tz\":\"UTC\"}}"),
                    event.get("data"));
            assertEquals(device.id(), event.get("deviceId").asText());

            final JsonNode replied = api.result(
                    "devices",
                    "rpc.reply",
                    args().put("device", device.name())
                            .put("requestId", 7)
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                    "response", JSON.readTree("{\"time\":\"2026-12-01T00:00:00Z\"}")));
            assertEquals(true, replied.get("sent").asBoolean());
            final var response = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals("v1/devices/me/rpc/response/7", response.getTopic().toString());
            assertEquals(
                    "{\"time\":\"2026-12-01T00:00:00Z\"}",
                    new String(response.getPayloadAsBytes(), StandardCharsets.UTF_8));

            assertEquals(
                    "not-found",
                    api.errorCode(
                            "devices",
                            "rpc.reply",
                            args().put("device", device.name())
                                    .put("requestId", 7)
                                    .put("response", "again")));
        }
    }

    @Test
    void unanswered_theDeviceGetsThingsBoardsTimeoutError() throws Exception {
        final Mqtt5BlockingClient client = devices.mqtt5(devices.create("waits"));
        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(client, "v1/devices/me/rpc/request/1", "{\"method\":\"getTime\",\"params\":{}}"));
            final Mqtt5Publish response = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals("v1/devices/me/rpc/response/1", response.getTopic().toString());
            assertEquals("{\"error\":\"timeout\"}", new String(response.getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void getSessionLimits_isAnsweredByTheExtension() throws Exception {
        final Mqtt5BlockingClient client = devices.mqtt5(devices.create("limits"));
        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            qos1(client, "v1/devices/me/rpc/request/3", "{\"method\":\"getSessionLimits\",\"params\":{}}");
            final Mqtt5Publish response = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals("v1/devices/me/rpc/response/3", response.getTopic().toString());
            assertEquals(
                    JSON.readTree("{\"maxPayloadSize\":65536,\"maxInflightMessages\":100,\"rateLimits\":{}}"),
                    JSON.readTree(response.getPayloadAsBytes()));
        }
    }

    @Test
    void aRequestWithoutMethod_orNotAnObject_orWithABadId_isABadPayload() throws Exception {
        final Mqtt5BlockingClient client = devices.mqtt5(devices.create("bad-rpc"));
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                qos1(client, "v1/devices/me/rpc/request/1", "{\"params\":{}}"));
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                qos1(client, "v1/devices/me/rpc/request/1", "[\"getTime\"]"));
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                qos1(client, "v1/devices/me/rpc/request/1", "{\"method\":\"\"}"));
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                qos1(client, "v1/devices/me/rpc/request/x", "{\"method\":\"getTime\"}"));
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, qos1(client, "v1/devices/me/rpc/response/1.5", "{}"));
        assertEquals(
                5.0,
                broker.metrics()
                                .counter("hive-iot.device-api.bad-input.wrong-shape")
                                .getCount()
                        + broker.metrics()
                                .counter("hive-iot.device-api.bad-input.bad-request-id")
                                .getCount(),
                0.0);
    }
}
