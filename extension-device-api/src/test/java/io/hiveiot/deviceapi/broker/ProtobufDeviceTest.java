package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.UnknownFieldSet;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.deviceapi.protobuf.SensorSchemas;
import io.hiveiot.deviceapi.sensor.SensorProto;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A device of a PROTOBUF profile, its payloads encoded by classes protoc generated from the device's schema, as its
 * firmware would: stored and read back typed exactly like the same data in JSON.
 */
class ProtobufDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void telemetryAndAttributes_inTheProfilesSchemas_areStoredTyped_andBadBytesAreRefused() throws Exception {
        final Devices.Device device;
        try (var api = new ApiClient(devices.demoApp("pb-setup"), "demo")) {
            api.result(
                    "registry",
                    "profile.create",
                    args().put("name", "sensor-pb")
                            .put("payloadType", "PROTOBUF")
                            .put("telemetryProto", SensorSchemas.TELEMETRY)
                            .put("attributesProto", SensorSchemas.ATTRIBUTES));
            device = devices.create("pb", args().put("profile", "sensor-pb"));
        }
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        final byte[] reading = SensorProto.SensorReading.newBuilder()
                .setTemperature(21.5)
                .setUptime(123456789012L)
                .setAlarm(true)
                .setLabel("kitchen")
                .addSamples(3)
                .addSamples(4)
                .setLocation(SensorProto.Location.newBuilder().setLat(48.5).setLon(11.25))
                .build()
                .toByteArray();
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(client, "v1/devices/me/telemetry", reading));
        final byte[] config = SensorProto.SensorConfig.newBuilder()
                .setModel("T1")
                .setInterval(30)
                .build()
                .toByteArray();
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(client, "v2/a", config));
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                publish(client, "v1/devices/me/telemetry", new byte[] {0x0A, (byte) 0xFF, 0x01}));
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, publish(client, "v2/t/j", "{\"json\":1}".getBytes()));
        try (var api = new ApiClient(devices.demoApp("pb-read"), "demo")) {
            final JsonNode latest = api.result("devices", "telemetry.latest", args().put("device", device.name()))
                    .get("values");
            assertEquals(21.5, latest.get("temperature").get("value").doubleValue());
            assertEquals(123456789012L, latest.get("uptime").get("value").longValue());
            assertEquals(true, latest.get("alarm").get("value").booleanValue());
            assertEquals("kitchen", latest.get("label").get("value").textValue());
            assertEquals(JSON.readTree("[3,4]"), latest.get("samples").get("value"));
            assertEquals(
                    JSON.readTree("{\"lat\":48.5,\"lon\":11.25}"),
                    latest.get("location").get("value"));
            assertEquals(1, latest.get("json").get("value").intValue());
            assertEquals(
                    JSON.readTree("{\"model\":\"T1\",\"interval\":30}"),
                    api.result(
                                    "devices",
                                    "attributes.get",
                                    args().put("device", device.name()).put("scope", "client"))
                            .get("client"));

            // The answer to an attribute request is ThingsBoard's GetAttributeResponseMsg.
            try (var answers = client.publishes(MqttGlobalPublishFilter.ALL)) {
                final byte[] request = {0x0A, 0x05, 'm', 'o', 'd', 'e', 'l'};
                assertEquals(
                        Mqtt5PubAckReasonCode.SUCCESS, publish(client, "v1/devices/me/attributes/request/9", request));
                final Mqtt5Publish answer = answers.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertEquals(
                        "v1/devices/me/attributes/response/9", answer.getTopic().toString());
                final var fields = UnknownFieldSet.parseFrom(answer.getPayloadAsBytes());
                assertEquals(9, fields.getField(1).getVarintList().get(0).intValue());
                assertEquals(1, fields.getField(2).getLengthDelimitedList().size());
            }
        }
    }

    private static Mqtt5PubAckReasonCode publish(
            final Mqtt5BlockingClient client, final String topic, final byte[] payload) {
        try {
            final Mqtt5PublishResult result = client.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (final Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }
}
