package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.bytes;
import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Client attributes and attribute requests, answered without the device subscribing. */
class AttributesTest {

    private static final String ATTRIBUTES = "v1/devices/me/attributes";

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);
    private final DeviceData data = new DeviceData(broker);

    @Test
    void attributes_roundTrip_returnsTheStoredValuesExactly_withoutTheDeviceSubscribing() throws Exception {
        final Devices.Device device = devices.create("round-trip");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                            client,
                            ATTRIBUTES,
                            "{\"model\":\"T1\",\"version\":1.0,\"on\":true,\"count\":\"7\",\"cfg\":{\"a\":[1,2]}}"));
            assertEquals(
                    List.of("cfg={\"a\":[1,2]}", "count=7", "model=\"T1\"", "on=true", "version=1.0"),
                    data.clientAttributes(device.id()));

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(client, "v1/devices/me/attributes/request/1", "{\"clientKeys\":\"on,model,nope\"}"));
            assertEquals(
                    new Response("v1/devices/me/attributes/response/1", "{\"client\":{\"on\":true,\"model\":\"T1\"}}"),
                    response(received));

            qos1(client, "v1/devices/me/attributes/request/2", "{}");
            assertEquals(
                    new Response(
                            "v1/devices/me/attributes/response/2",
                            "{\"client\":{\"cfg\":{\"a\":[1,2]},\"count\":7,\"model\":\"T1\",\"on\":true,"
                                    + "\"version\":1.0}}"),
                    response(received));

            qos1(client, "v1/devices/me/attributes/request/3", "{\"clientKeys\":\"nope\",\"sharedKeys\":\"fw_title\"}");
            assertEquals(new Response("v1/devices/me/attributes/response/3", "{}"), response(received));
        }
    }

    @Test
    void attributeRequest_withNegativeId_isAcknowledged_butNotAnswered() throws Exception {
        final Mqtt5BlockingClient client = devices.mqtt5(devices.create("negative"));
        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "v1/devices/me/attributes/request/-1", "{}"));
            assertEquals(Optional.empty(), received.receive(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void attributeRequest_mqtt3_subscribedToTheExactReplyTopic_asMosquittoRrDoes_getsOneAnswer() throws Exception {
        final Devices.Device device = devices.create("rr");
        final Mqtt3BlockingClient client = devices.mqtt3(device);
        client.publishWith()
                .topic(ATTRIBUTES)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("{\"a\":1}"))
                .send();
        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter("v1/devices/me/attributes/response/7")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            client.subscribeWith()
                    .topicFilter("v1/devices/me/attributes/response/+")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            client.publishWith()
                    .topic("v1/devices/me/attributes/request/7")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"clientKeys\":\"a\"}"))
                    .send();
            final Mqtt3Publish answer = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals(
                    "v1/devices/me/attributes/response/7", answer.getTopic().toString());
            assertEquals("{\"client\":{\"a\":1}}", new String(answer.getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), received.receive(500, TimeUnit.MILLISECONDS), "a second copy");
        }
    }

    @Test
    void attributes_areAnEventOnTheAccountStream() throws Exception {
        final Devices.Device device = devices.create("attribute-events");
        final Mqtt5BlockingClient app = devices.demoApp("attribute-events");
        try (var events = app.publishes(MqttGlobalPublishFilter.ALL)) {
            app.subscribeWith()
                    .topicFilter("users/demo/devices/" + device.name() + "/attributes")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            qos1(devices.mqtt5(device), ATTRIBUTES, "{\"model\":\"T1\",\"v\":2}");
            final JsonNode event = TelemetryTest.event(events, "attributes");
            assertEquals(device.id(), event.get("deviceId").asText());
            assertEquals(
                    "{\"scope\":\"client\",\"values\":{\"model\":\"T1\",\"v\":2}}",
                    event.get("data").toString());
        }
    }

    record Response(String topic, String payload) {}

    private static Response response(final Mqtt5BlockingClient.Mqtt5Publishes received) throws Exception {
        final Mqtt5Publish publish =
                received.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("no attribute response"));
        return new Response(
                publish.getTopic().toString(), new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
    }
}
