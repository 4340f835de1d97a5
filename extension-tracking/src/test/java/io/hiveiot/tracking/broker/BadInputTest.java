package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static io.hiveiot.tracking.broker.Publishes.TRACKING;
import static io.hiveiot.tracking.broker.Publishes.drain;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad tracking message changes nothing: no value, no history row, no connection status, no document.
 * MQTT 5 gets the reason code (0x87 for uid/key problems, 0x99 for bad payloads) with a reason string; an
 * MQTT 3.1.1 tracker stays connected and its message is dropped. Each kind is counted in a metric.
 */
class BadInputTest {

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Clients clients = new Clients(broker);
    private Clients.Tracker target;
    private JsonNode stateBefore;

    @BeforeEach
    void newTracker() throws Exception {
        final ObjectNode args = ApiClient.args();
        args.putObject("publish").put("enabled", true).put("topic", "accounts/demo/bad/" + System.nanoTime());
        target = clients.tracker(clients.demo(), args);
        stateBefore = clients.trackerState(clients.demo(), target.uid());
    }

    /** (payload template, reason code, reason string, metric kind); {uid} and {key} are the target's. */
    static Stream<Arguments> badMessages() {
        return Stream.of(
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"wrong\",\"longitude\":1,\"latitude\":2}",
                        0x87,
                        "unknown uid or wrong key",
                        "not-authorized"),
                bad(
                        "{\"uid\":\"nobody\",\"key\":\"{key}\",\"longitude\":1}",
                        0x87,
                        "unknown uid or wrong key",
                        "not-authorized"),
                bad("{\"key\":\"{key}\",\"longitude\":1}", 0x87, "uid and key are required", "not-authorized"),
                bad("{\"uid\":\"{uid}\",\"cmd\":\"ping\"}", 0x87, "uid and key are required", "not-authorized"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"cmd\":\"reboot\"}",
                        0x99,
                        "cmd must be \"get\" or \"ping\"; leave it out for an update",
                        "unknown-cmd"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"longitude\":",
                        0x99,
                        "the message is not valid JSON",
                        "invalid-json"),
                bad("", 0x99, "a tracking message is a JSON object with uid and key", "invalid-json"),
                bad("uid={uid}&key={key}", 0x99, "the message is not valid JSON", "invalid-json"),
                bad(
                        "[\"{uid}\",\"{key}\"]",
                        0x99,
                        "a tracking message is a JSON object with uid and key",
                        "wrong-shape"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"longitude\":\"east\",\"latitude\":1}",
                        0x99,
                        "longitude must be a number or a numeric string",
                        "bad-coordinates"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"longitude\":true}",
                        0x99,
                        "longitude must be a number or a numeric string",
                        "bad-coordinates"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"longitude\":1,\"latitude\":\"90.5\"}",
                        0x99,
                        "latitude must be from -90 to 90",
                        "bad-coordinates"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"longitude\":-180.01}",
                        0x99,
                        "longitude must be from -180 to 180",
                        "bad-coordinates"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"data1\":{\"a\":1}}",
                        0x99,
                        "data1 must be text or a number",
                        "wrong-shape"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\"}",
                        0x99,
                        "nothing to update: send longitude, latitude or data1..data4, or a cmd",
                        "wrong-shape"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"data1\":1,\"data1\":2}",
                        0x99,
                        "a field appears twice",
                        "wrong-shape"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"data4\":\"" + "x".repeat(1025) + "\"}",
                        0x99,
                        "data4 is longer than 1024 characters",
                        "value-too-long"),
                bad(
                        "{\"uid\":\"{uid}\",\"key\":\"{key}\",\"longitude\":1,\"pad\":\"" + "x".repeat(65536) + "\"}",
                        0x99,
                        "the message is longer than 65536 bytes",
                        "too-large"));
    }

    private static Arguments bad(final String payload, final int code, final String reason, final String kind) {
        return Arguments.of(payload, code, reason, kind);
    }

    @ParameterizedTest
    @MethodSource("badMessages")
    void mqtt5_badMessage_getsReasonCodeAndString_staysConnected_changesNothing(
            final String template, final int code, final String reason, final String kind) throws Exception {
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        final long before = count("bad-input." + kind);
        try (var documents = subscribeToDocuments()) {
            final Mqtt5PubAck ack = qos1(tracker, TRACKING, fill(template));

            assertEquals(code, ack.getReasonCode().getCode(), ack.toString());
            assertEquals(Optional.of(reason), ack.getReasonString().map(Object::toString));
            assertEquals(before + 1, count("bad-input." + kind));
            assertTrue(tracker.getState().isConnected());
            assertNothingChanged(documents);
        }
    }

    @ParameterizedTest
    @MethodSource("badMessages")
    void mqtt3_badMessage_isDroppedAndCounted_trackerStaysConnected(
            final String template, final int code, final String reason, final String kind) throws Exception {
        final Mqtt3BlockingClient tracker = clients.mqtt3(clients.device(clients.demo()));
        final long before = count("bad-input." + kind);
        try (var documents = subscribeToDocuments()) {
            qos1(tracker, TRACKING, fill(template));

            assertEquals(before + 1, count("bad-input." + kind));
            assertTrue(tracker.getState().isConnected(), "trackers reconnect in loops: never disconnect them");
            assertNothingChanged(documents);
        }
    }

    @Test
    void mqtt5_clientOfAnotherAccount_withTheKeyOfThisAccountsDevice_isNotAuthorized() throws Exception {
        final Clients.App acme = clients.newAccount("acme");
        final Mqtt5BlockingClient foreign = clients.mqtt5(clients.device(acme));
        try (var documents = subscribeToDocuments()) {
            final Mqtt5PubAck ack = qos1(
                    foreign,
                    TRACKING,
                    fill("{\"uid\":\"{uid}\",\"key\":\"{key}\"," + "\"longitude\":1,\"latitude\":2}"));
            assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode());
            assertEquals(
                    Optional.of("unknown uid or wrong key"),
                    ack.getReasonString().map(Object::toString));
            assertNothingChanged(documents);
        }
    }

    @Test
    void mqtt3_clientOfAnotherAccount_withTheKeyOfThisAccountsDevice_changesNothing() throws Exception {
        final Clients.App acme = clients.newAccount("acme");
        final Mqtt3BlockingClient foreign = clients.mqtt3(clients.device(acme));
        try (var documents = subscribeToDocuments()) {
            qos1(foreign, TRACKING, fill("{\"uid\":\"{uid}\",\"key\":\"{key}\",\"cmd\":\"ping\"}"));
            assertTrue(foreign.getState().isConnected());
            assertNothingChanged(documents);
        }
    }

    @Test
    void mqtt5_applicationOfAnotherAccount_cannotGetTheDocument() throws Exception {
        final Clients.App acme = clients.newAccount("acme");
        final Mqtt5BlockingClient foreignApp = clients.app(acme);
        try (var documents = subscribeToDocuments()) {
            final Mqtt5PubAck ack =
                    qos1(foreignApp, TRACKING, fill("{\"uid\":\"{uid}\",\"key\":\"{key}\"," + "\"cmd\":\"get\"}"));
            assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode());
            assertNothingChanged(documents);
        }
    }

    @Test
    void mqtt5_getWithoutPublishTopic_isRefusedWithAReason() throws Exception {
        final Clients.Tracker noTopic = clients.tracker(clients.demo());
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        final Mqtt5PubAck ack = qos1(
                tracker,
                TRACKING,
                "{\"uid\":\"" + noTopic.uid() + "\",\"key\":\"" + noTopic.key() + "\",\"cmd\":\"get\"}");
        assertEquals(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, ack.getReasonCode());
        assertTrue(
                ack.getReasonString().map(Object::toString).orElse("").startsWith("the device has no publish topic"));
    }

    private Mqtt5BlockingClient.Mqtt5Publishes subscribeToDocuments() throws Exception {
        final Mqtt5BlockingClient subscriber = clients.mqtt5(clients.device(clients.demo()));
        final var publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL);
        subscriber
                .subscribeWith()
                .topicFilter("accounts/demo/bad/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        return publishes;
    }

    private void assertNothingChanged(final Mqtt5BlockingClient.Mqtt5Publishes documents) throws Exception {
        assertEquals(stateBefore, clients.trackerState(clients.demo(), target.uid()));
        assertEquals(
                0,
                clients.result(
                                clients.demo(),
                                "tracking",
                                "history",
                                ApiClient.args().put("uid", target.uid()))
                        .get("positions")
                        .size());
        assertEquals(0, drain(documents, 200).size(), "no document may be published");
    }

    private String fill(final String template) {
        return template.replace("{uid}", target.uid()).replace("{key}", target.key());
    }

    private long count(final String metric) {
        return broker.metrics().counter("hive-iot.tracking." + metric).getCount();
    }
}
