package io.hiveiot.deviceapi.broker;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.deviceapi.payload.AttributeRequestParser;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.RequestIds;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.hiveiot.testkit.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: MQTT 5 gets a PUBACK with 0x99 (0x90 for an unknown topic) and the parser's reason string and stays
 * connected; MQTT 3.1.1 is disconnected; nothing is stored either way, and a metric counts each kind.
 */
class BadInputTest {

    private static final String TELEMETRY = "v1/devices/me/telemetry";
    private static final String ATTRIBUTES = "v1/devices/me/attributes";

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);
    private final DeviceData data = new DeviceData(broker);

    static Stream<Arguments> badPayloads() {
        return Stream.of(
                Arguments.of(TELEMETRY, "{\"a\":", "invalid-json"),
                Arguments.of(TELEMETRY, "", "invalid-json"),
                Arguments.of(TELEMETRY, "{\"a\":1} trailing", "invalid-json"),
                Arguments.of(TELEMETRY, "42", "wrong-shape"),
                Arguments.of(TELEMETRY, "[{\"a\":1},2]", "wrong-shape"),
                Arguments.of(TELEMETRY, "{\"ts\":\"soon\",\"values\":{\"a\":1}}", "wrong-shape"),
                Arguments.of(TELEMETRY, "{\"ts\":1,\"values\":[1]}", "wrong-shape"),
                Arguments.of(TELEMETRY, "{\"" + "k".repeat(256) + "\":1}", "limit-exceeded"),
                Arguments.of(TELEMETRY, "{\"a\":\"" + "v".repeat(65537) + "\"}", "limit-exceeded"),
                Arguments.of(ATTRIBUTES, "[{\"a\":1}]", "wrong-shape"),
                Arguments.of(ATTRIBUTES, "not json", "invalid-json"),
                Arguments.of("v1/devices/me/attributes/request/x", "{}", "bad-request-id"),
                Arguments.of("v1/devices/me/attributes/request/2147483648", "{}", "bad-request-id"),
                Arguments.of("v1/devices/me/attributes/request/1", "{\"clientKeys\":{}}", "wrong-shape"),
                Arguments.of("v1/devices/me/attributes/request/1", "", "invalid-json"),
                Arguments.of("v2/t", "{\"a\":", "invalid-json"),
                Arguments.of("v2/t/j", "42", "wrong-shape"),
                Arguments.of("v2/a", "[{\"a\":1}]", "wrong-shape"),
                Arguments.of("v2/a/j", "not json", "invalid-json"),
                Arguments.of("v2/a/req/x", "{}", "bad-request-id"),
                Arguments.of("v2/a/req/j/1", "{\"clientKeys\":{}}", "wrong-shape"));
    }

    @ParameterizedTest
    @MethodSource("badPayloads")
    void mqtt5_badPayload_getsPayloadFormatInvalid_withReason_staysConnected_storesNothing(
            final String topic, final String payload, final String kind) throws Exception {
        final Devices.Device device = devices.create("bad5");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        final long before = count("bad-input." + kind);

        final Mqtt5PubAck ack = qos1(client, topic, payload);

        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, ack.getReasonCode());
        assertEquals(
                Optional.of(expectedReason(topic, payload)),
                ack.getReasonString().map(Object::toString));
        assertEquals(before + 1, count("bad-input." + kind));
        assertTrue(client.getState().isConnected());
        assertNothingStored(device);
    }

    @ParameterizedTest
    @MethodSource("badPayloads")
    void mqtt3_badPayload_isDisconnected_storesNothing(final String topic, final String payload, final String kind)
            throws Exception {
        final Devices.Device device = devices.create("bad3");
        final Mqtt3BlockingClient client = devices.mqtt3(device);
        final long before = count("bad-input." + kind);

        client.toAsync()
                .publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();

        assertFalse(Await.until(() -> client.getState().isConnected(), connected -> !connected));
        assertEquals(before + 1, count("bad-input." + kind));
        assertNothingStored(device);
    }

    @Test
    void mqtt5_unknownTopics_getTopicNameInvalid_staysConnected() throws Exception {
        final Mqtt5BlockingClient client = devices.mqtt5(devices.create("unknown5"));
        final long before = count("bad-input.unknown-topic");
        for (final String topic : List.of(
                "v1/devices/me/nope",
                "v1/devices/me/telemetry/x",
                "v1/devices/me/attributes/response/1",
                "v1/devices/me/rpc",
                "v1/devices/me/attributes/push")) {
            final Mqtt5PubAck ack = qos1(client, topic, "{}");
            assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, ack.getReasonCode(), topic);
            assertEquals(
                    Optional.of("unknown device API topic"),
                    ack.getReasonString().map(Object::toString));
        }
        assertEquals(before + 5, count("bad-input.unknown-topic"));
        assertTrue(client.getState().isConnected());
    }

    @Test
    void mqtt3_unknownTopic_isDisconnected() throws Exception {
        final Mqtt3BlockingClient client = devices.mqtt3(devices.create("unknown3"));
        client.toAsync()
                .publishWith()
                .topic("v1/devices/me/nope")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{}".getBytes(StandardCharsets.UTF_8))
                .send();
        assertFalse(Await.until(() -> client.getState().isConnected(), connected -> !connected));
    }

    @Test
    void mqtt5_badPayloadAtQos0_storesNothing_andIsCounted() throws Exception {
        final Devices.Device device = devices.create("bad0");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        final long before = count("bad-input.invalid-json");
        client.publishWith()
                .topic(TELEMETRY)
                .qos(MqttQos.AT_MOST_ONCE)
                .payload("{".getBytes(StandardCharsets.UTF_8))
                .send();
        assertEquals(before + 1, Await.until(() -> count("bad-input.invalid-json"), n -> n == before + 1));
        assertNothingStored(device);
    }

    @Test
    void claimTopic_isLeftToHiveIotAuth() throws Exception {
        final Mqtt5BlockingClient client = devices.mqtt5(devices.create("claim"));
        final long before = count("bad-input.unknown-topic");
        final Mqtt5PubAck ack = qos1(client, "v1/devices/me/claim", "{\"secretKey\":\"s\",\"durationMs\":60000}");
        assertFalse(ack.getReasonCode().isError(), ack.toString());
        assertEquals(before, count("bad-input.unknown-topic"));
    }

    private void assertNothingStored(final Devices.Device device) throws Exception {
        assertEquals(List.of(), data.history(device.id()));
        assertEquals(List.of(), data.clientAttributes(device.id()));
    }

    private static long count(final String metric) {
        return broker.metrics().counter("hive-iot.device-api." + metric).getCount();
    }

    /** What the payload layer says about the payload: the reason must reach the client unchanged. */
    private static String expectedReason(final String topic, final String payload) {
        final PayloadLimits limits = PayloadLimits.DEFAULTS;
        final BadPayloadException e = assertThrows(BadPayloadException.class, () -> {
            if (topic.equals(TELEMETRY) || topic.startsWith("v2/t")) {
                new TelemetryParser(limits).parse(payload.getBytes(StandardCharsets.UTF_8), 0);
            } else if (topic.equals(ATTRIBUTES) || topic.equals("v2/a") || topic.equals("v2/a/j")) {
                new AttributesParser(limits).parse(payload.getBytes(StandardCharsets.UTF_8));
            } else {
                RequestIds.of(topic.substring(topic.lastIndexOf('/') + 1));
                new AttributeRequestParser(limits).parse(payload.getBytes(StandardCharsets.UTF_8));
            }
        });
        return e.reason();
    }
}
