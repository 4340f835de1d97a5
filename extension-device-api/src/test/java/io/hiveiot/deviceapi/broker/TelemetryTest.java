package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.testkit.Publishes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telemetry from real MQTT 3.1.1 and 5 clients, read back from device-data.db. */
class TelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);
    private final DeviceData data = new DeviceData(broker);

    @Test
    void telemetry_withObject_isStoredAtServerTime_withThingsBoardTyping() throws Exception {
        final Devices.Device device = devices.create("object");
        final long before = System.currentTimeMillis();
        final var result = qos1(
                devices.mqtt5(device),
                "{\"temperature\":25,\"humidity\":42.0,\"on\":true,\"mode\":\"eco\",\"n\":\"73\",\"cfg\":{\"a\":1.50},"
                        + "\"skipped\":null}");
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, result);
        assertEquals(
                List.of("cfg={\"a\":1.50}", "humidity=42.0", "mode=\"eco\"", "n=73", "on=true", "temperature=25"),
                data.historyValues(device.id()));
        final long ts = data.timestamps(device.id()).get(0);
        assertTrue(ts >= before && ts <= System.currentTimeMillis(), "server ts " + ts);
    }

    @Test
    void telemetry_withArrayOfObjects_storesAllAtOneServerTime() throws Exception {
        final Devices.Device device = devices.create("array");
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(devices.mqtt5(device), "[{\"a\":1},{\"b\":2}]"));
        assertEquals(List.of("a=1", "b=2"), data.historyValues(device.id()));
        assertEquals(1, data.timestamps(device.id()).size());
    }

    @Test
    void telemetry_withTsValues_andArrayOfTsValues_storesEveryPointAtItsTs() throws Exception {
        final Devices.Device device = devices.create("ts");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(client, "{\"ts\":1451649600512,\"values\":{\"k1\":1}}"));
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(client, "[{\"ts\":1,\"values\":{\"a\":1}},{\"ts\":\"2\",\"values\":{\"a\":2.5}}]"));
        assertEquals(List.of("a@1=1", "a@2=2.5", "k1@1451649600512=1"), data.history(device.id()));
    }

    @Test
    void telemetry_unquotedKeys_asMosquittoPubSendsThemWithoutShellQuotes_isAccepted() throws Exception {
        final Devices.Device device = devices.create("lenient");
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(devices.mqtt5(device), "{temperature:25}"));
        assertEquals(List.of("temperature=25"), data.historyValues(device.id()));
    }

    @Test
    void telemetry_emptyObject_isAcknowledged_andStoresNothing() throws Exception {
        final Devices.Device device = devices.create("empty");
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(devices.mqtt5(device), "{}"));
        assertEquals(List.of(), data.history(device.id()));
    }

    @Test
    void telemetry_qos0_isStored() throws Exception {
        final Devices.Device device = devices.create("qos0");
        devices.mqtt5(device)
                .publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_MOST_ONCE)
                .payload(bytes("{\"t\":0}"))
                .send();
        assertEquals(List.of("t=0"), Await.until(() -> data.historyValues(device.id()), rows -> !rows.isEmpty()));
    }

    @Test
    void telemetry_qos2_isStoredWhenPubrecArrives() throws Exception {
        final Devices.Device device = devices.create("qos2");
        final Mqtt5PublishResult result = devices.mqtt5(device)
                .publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.EXACTLY_ONCE)
                .payload(bytes("{\"t\":2}"))
                .send();
        assertEquals(
                Mqtt5PubRecReasonCode.SUCCESS,
                ((Mqtt5PublishResult.Mqtt5Qos2Result) result).getPubRec().getReasonCode());
        assertEquals(List.of("t=2"), data.historyValues(device.id()));
    }

    @Test
    void telemetry_mqtt3_qos1_isStoredWhenAcknowledged() throws Exception {
        final Devices.Device device = devices.create("v3");
        final var client = devices.mqtt3(device);
        for (int i = 0; i < 20; i++) {
            client.publishWith()
                    .topic("v1/devices/me/telemetry")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"ts\":" + (1000 + i) + ",\"values\":{\"i\":" + i + "}}"))
                    .send();
            assertEquals(i + 1, data.history(device.id()).size(), "acknowledged means committed");
        }
        assertTrue(client.getState().isConnected());
    }

    @Test
    void telemetry_isAnEventOnTheAccountStream_forItsApplications() throws Exception {
        final Devices.Device device = devices.create("events");
        final Mqtt5BlockingClient app = devices.demoApp("events");
        try (var events = app.publishes(MqttGlobalPublishFilter.ALL)) {
            app.subscribeWith()
                    .topicFilter("users/demo/devices")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            qos1(devices.mqtt5(device), "[{\"ts\":5,\"values\":{\"a\":1}},{\"ts\":6,\"values\":{\"a\":2.0}}]");
            final JsonNode first = event(events, "telemetry");
            final JsonNode second = event(events, "telemetry");
            assertEquals(device.name(), first.get("device").asText());
            assertEquals(device.id(), first.get("deviceId").asText());
            assertEquals("telemetry", first.get("event").asText());
            assertEquals("{\"ts\":5,\"values\":{\"a\":1}}", first.get("data").toString());
            assertEquals("{\"ts\":6,\"values\":{\"a\":2.0}}", second.get("data").toString());
        }
    }

    @Test
    void devicePublish_neverReachesAnotherDevice_subscribedWhereverItMay() throws Exception {
        final Devices.Device sender = devices.create("sender");
        final Devices.Device listener = devices.create("listener");
        final Mqtt5BlockingClient other = devices.mqtt5(listener);
        try (var received = other.publishes(MqttGlobalPublishFilter.ALL)) {
            subscribeWherePushesArrive(other);
            final Mqtt5BlockingClient client = devices.mqtt5(sender);
            subscribeWherePushesArrive(client);
            try (var own = client.publishes(MqttGlobalPublishFilter.ALL)) {
                qos1(client, "{\"secret\":1}");
                client.publishWith()
                        .topic("v1/devices/me/attributes")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{\"secret\":2}"))
                        .send();
                assertEquals(Optional.empty(), received.receive(1, TimeUnit.SECONDS), "another device");
                assertEquals(Optional.empty(), own.receive(100, TimeUnit.MILLISECONDS), "the sender itself");
            }
        }
    }

    /** Every filter of the device API a device may subscribe to (wildcards over them are refused). */
    static void subscribeWherePushesArrive(final Mqtt5BlockingClient client) {
        for (final String filter : List.of(
                "v1/devices/me/attributes",
                "v1/devices/me/attributes/response/+",
                "v1/devices/me/rpc/request/+",
                "v1/devices/me/rpc/response/+")) {
            client.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
        }
    }

    /** The next event of a kind, skipping others (hive-iot-auth publishes the connection events). */
    static JsonNode event(final Mqtt5BlockingClient.Mqtt5Publishes events, final String kind) throws Exception {
        while (true) {
            final Mqtt5Publish publish =
                    events.receive(5, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("no " + kind + " event"));
            final JsonNode event = JSON.readTree(publish.getPayloadAsBytes());
            if (event.get("event").asText().equals(kind)) {
                return event;
            }
        }
    }

    static Mqtt5PubAckReasonCode qos1(final Mqtt5BlockingClient client, final String payload) {
        return qos1(client, "v1/devices/me/telemetry", payload);
    }

    static Mqtt5PubAckReasonCode qos1(final Mqtt5BlockingClient client, final String topic, final String payload) {
        return Publishes.qos1(client, topic, payload).getReasonCode();
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
