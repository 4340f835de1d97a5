package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.util.ArrayList;
import java.util.List;

import static io.hiveiot.tracking.broker.Publishes.TRACKING;
import static io.hiveiot.tracking.broker.Publishes.json;
import static io.hiveiot.tracking.broker.Publishes.next;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static io.hiveiot.tracking.broker.Publishes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iotBind seed's messages with real clients of both MQTT versions: update then {@code get}, {@code ping},
 * and publishing after an update to the device's topic and the account's stream. The request examples are
 * sent verbatim (the tracking devices are created with the seed's uid and key); the update example's
 * placeholders are filled with the values of the seed's response example, so that the document published
 * back is exactly the seed's.
 */
class IotBindSeedTest {

    /** The seed's update message, with its placeholders replaced by the values of its response example. */
    private static final String SEED_UPDATE = """
            {
                "uid":"UniqueID",
                "key":"Device API secret key",
                "longitude": "17.6359479",
                "latitude": "44.5318535",
                "data1":"Anything",
                "data2":"Anything",
                "data3":"Anything",
                "data4":"Anything"
            }""";

    private static final String SEED_GET_UNIQUE_ID = """
            {
                "uid":"UniqueID",
                "key":"Device API secret key",
                "cmd":"get"
            }""";

    /** The seed's response message, verbatim. */
    private static final String SEED_DOCUMENT = """
            {
                 "uid": "UniqueID",
                 "name": "DeviceName",
                 "type": "Phone app tracking",
                 "longitude": "17.6359479",
                 "latitude": "44.5318535",
                 "data1": "Anything",
                 "data1_unit": "Anything",
                 "data2": "Anything",
                 "data2_unit": "Anything",
                 "data3": "Anything",
                 "data3_unit": "Anything",
                 "data4": "Anything",
                 "data4_unit": "Anything"
            }""";

    /** The seed's get and ping requests, verbatim. */
    private static final String SEED_GET = """
            {
                "uid":"Device UniqueID",
                "key":"Device API secret key",
                "cmd":"get"
            }""";

    private static final String SEED_PING = """
            {
                "uid":"Device UniqueID",
                "key":"Device API secret key",
                "cmd":"ping"
            }""";

    /** The seed's update message verbatim: its placeholders are not numbers. */
    private static final String SEED_UPDATE_VERBATIM = """
            {
                "uid":"Device UniqueID",
                "key":"Device API secret key",
                "longitude": "longitude Number",
                "latitude": "latitude Number",
                "data1":"Anything",
                "data2":"Anything",
                "data3":"Anything",
                "data4":"Anything"
            }""";

    private static final String DOCUMENT_TOPIC = "accounts/demo/tracking/UniqueID";
    private static final String SEED_DEVICE_TOPIC = "accounts/demo/tracking/seed";

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Clients clients = new Clients(broker);
    private static boolean seedDevicesMade;

    /** The seed's two devices, made once per broker (uids are unique within the account). */
    private void seedDevices() throws Exception {
        synchronized (IotBindSeedTest.class) {
            if (seedDevicesMade) {
                return;
            }
            final ObjectNode uniqueId = ApiClient.args()
                    .put("uid", "UniqueID")
                    .put("key", "Device API secret key")
                    .put("name", "DeviceName")
                    .put("type", "Phone app tracking");
            final ObjectNode units = uniqueId.putObject("units");
            for (int i = 1; i <= 4; i++) {
                units.put("data" + i, "Anything");
            }
            uniqueId.putObject("publish").put("topic", DOCUMENT_TOPIC);
            clients.tracker(clients.demo(), uniqueId);
            final ObjectNode seed = ApiClient.args()
                    .put("uid", "Device UniqueID")
                    .put("key", "Device API secret key")
                    .put("name", "Seed device");
            seed.putObject("publish").put("topic", SEED_DEVICE_TOPIC);
            clients.tracker(clients.demo(), seed);
            seedDevicesMade = true;
        }
    }

    @Test
    void mqtt5_seedUpdateThenGet_publishesExactlyTheSeedDocument() throws Exception {
        seedDevices();
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        final Mqtt5BlockingClient subscriber = clients.mqtt5(clients.device(clients.demo()));
        try (var received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter(DOCUMENT_TOPIC)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(tracker, TRACKING, SEED_UPDATE).getReasonCode());
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(tracker, TRACKING, SEED_GET_UNIQUE_ID).getReasonCode());

            final Mqtt5Publish document = next(received);
            assertEquals(DOCUMENT_TOPIC, document.getTopic().toString());
            assertEquals(json(SEED_DOCUMENT), json(text(document)));
            assertEquals(
                    fieldOrder(json(SEED_DOCUMENT)),
                    fieldOrder(json(text(document))),
                    "the document keeps the seed's field order");
        }
    }

    @Test
    void mqtt3_seedUpdateThenGet_publishesTheSeedDocument() throws Exception {
        seedDevices();
        final Mqtt3BlockingClient tracker = clients.mqtt3(clients.device(clients.demo()));
        final Mqtt5BlockingClient subscriber = clients.mqtt5(clients.device(clients.demo()));
        try (var received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter(DOCUMENT_TOPIC)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            qos1(tracker, TRACKING, SEED_UPDATE);
            qos1(tracker, TRACKING, SEED_GET_UNIQUE_ID);

            assertEquals(json(SEED_DOCUMENT), json(text(next(received))));
            assertTrue(tracker.getState().isConnected());
        }
    }

    @Test
    void mqtt5_seedGetVerbatim_publishesToTheDevicesTopic() throws Exception {
        seedDevices();
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        try (var received = tracker.publishes(MqttGlobalPublishFilter.ALL)) {
            tracker.subscribeWith()
                    .topicFilter(SEED_DEVICE_TOPIC)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(tracker, TRACKING, SEED_GET).getReasonCode());

            final JsonNode document = json(text(next(received)));
            assertEquals("Device UniqueID", document.get("uid").asText());
            assertEquals("Seed device", document.get("name").asText());
            assertEquals(
                    List.of(
                            "uid",
                            "name",
                            "type",
                            "longitude",
                            "latitude",
                            "data1",
                            "data1_unit",
                            "data2",
                            "data2_unit",
                            "data3",
                            "data3_unit",
                            "data4",
                            "data4_unit"),
                    fieldOrder(document));
        }
    }

    @Test
    void mqtt3_seedPingVerbatim_marksConnected_untilTheConnectionCloses() throws Exception {
        seedDevices();
        final Mqtt3BlockingClient tracker = clients.mqtt3(clients.device(clients.demo()));
        final long before = System.currentTimeMillis();

        qos1(tracker, TRACKING, SEED_PING);

        final JsonNode state = clients.trackerState(clients.demo(), "Device UniqueID");
        assertTrue(state.get("connected").asBoolean(), state.toString());
        assertTrue(state.get("lastSeen").asLong() >= before, state.toString());

        tracker.disconnect();
        final JsonNode after = Await.until(
                () -> clients.trackerState(clients.demo(), "Device UniqueID"),
                current -> !current.get("connected").asBoolean());
        assertFalse(after.get("connected").asBoolean(), after.toString());
        assertEquals(state.get("lastSeen"), after.get("lastSeen"), "last seen stays the last report");
    }

    @Test
    void mqtt5_seedPingVerbatim_isAcknowledged_andMarksConnected() throws Exception {
        seedDevices();
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(tracker, TRACKING, SEED_PING).getReasonCode());
        assertTrue(clients.trackerState(clients.demo(), "Device UniqueID")
                .get("connected")
                .asBoolean());
    }

    @Test
    void mqtt5_seedUpdateVerbatim_isRefused_becauseItsPlaceholdersAreNoCoordinates() throws Exception {
        seedDevices();
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        final var ack = qos1(tracker, TRACKING, SEED_UPDATE_VERBATIM);
        assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, ack.getReasonCode());
        assertEquals(
                "longitude must be a number or a numeric string",
                ack.getReasonString().map(Object::toString).orElse(""));
    }

    @Test
    void updateWithPublishingEnabled_publishesTheDocument_andATrackingEventOnTheStream() throws Exception {
        final ObjectNode args = ApiClient.args().put("name", "Van 7");
        args.putObject("units").put("data1", "km/h");
        args.putObject("publish").put("enabled", true).put("topic", "accounts/demo/fleet/van7");
        final Clients.Tracker van = clients.tracker(clients.demo(), args);
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        final Mqtt5BlockingClient app = clients.app(clients.demo());
        try (var documents = tracker.publishes(MqttGlobalPublishFilter.ALL);
                var stream = app.publishes(MqttGlobalPublishFilter.ALL)) {
            tracker.subscribeWith()
                    .topicFilter("accounts/demo/fleet/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            app.subscribeWith()
                    .topicFilter("users/demo/devices/" + van.uid() + "/tracking")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(
                                    tracker,
                                    TRACKING,
                                    "{\"uid\":\"" + van.uid() + "\",\"key\":\"" + van.key()
                                            + "\",\"longitude\":17.60,\"latitude\":\"44.50\",\"data1\":42}")
                            .getReasonCode());

            final Mqtt5Publish document = next(documents);
            assertEquals("accounts/demo/fleet/van7", document.getTopic().toString());
            // Numbers are returned as the device sent them: 17.60 stays a number with its digits, "44.50" text.
            assertTrue(
                    text(document)
                            .contains("\"longitude\":17.60,\"latitude\":\"44.50\",\"data1\":42,"
                                    + "\"data1_unit\":\"km/h\""),
                    text(document));

            final String eventText = text(next(stream));
            assertTrue(eventText.contains("\"longitude\":17.60,"), "the stream keeps the digits too: " + eventText);
            final JsonNode event = json(eventText);
            assertEquals("tracking", event.get("event").asText());
            assertEquals(van.uid(), event.get("device").asText());
            assertEquals("Van 7", event.at("/data/name").asText());
            assertEquals("44.50", event.at("/data/latitude").asText());
        }
    }

    @Test
    void history_keepsEveryUpdate_newestFirst_withTimeRangeAndPages() throws Exception {
        final Clients.Tracker phone = clients.tracker(clients.demo());
        final Mqtt5BlockingClient tracker = clients.mqtt5(clients.device(clients.demo()));
        final long start = System.currentTimeMillis();
        for (int i = 1; i <= 3; i++) {
            qos1(
                    tracker,
                    TRACKING,
                    "{\"uid\":\"" + phone.uid() + "\",\"key\":\"" + phone.key() + "\",\"longitude\":\"1" + i
                            + ".5\",\"latitude\":\"4" + i + ".25\"}");
        }
        qos1(tracker, TRACKING, "{\"uid\":\"" + phone.uid() + "\",\"key\":\"" + phone.key() + "\",\"data2\":\"on\"}");

        final JsonNode page = clients.result(
                clients.demo(),
                "tracking",
                "history",
                ApiClient.args().put("uid", phone.uid()).put("from", start).put("limit", 3));
        final JsonNode positions = page.get("positions");
        assertEquals(3, positions.size());
        assertEquals("13.5", positions.get(0).get("longitude").asText(), "the data update keeps the position");
        assertEquals("on", positions.get(0).get("data2").asText());
        assertEquals("13.5", positions.get(1).get("longitude").asText());
        assertEquals("12.5", positions.get(2).get("longitude").asText());

        final JsonNode rest = clients.result(
                clients.demo(),
                "tracking",
                "history",
                ApiClient.args()
                        .put("uid", phone.uid())
                        .put("limit", 3)
                        .put("cursor", page.get("cursor").asText()));
        assertEquals(1, rest.get("positions").size());
        assertEquals("41.25", rest.get("positions").get(0).get("latitude").asText());
        assertFalse(rest.has("cursor"));

        final JsonNode none = clients.result(
                clients.demo(),
                "tracking",
                "history",
                ApiClient.args().put("uid", phone.uid()).put("to", start - 1));
        assertEquals(0, none.get("positions").size());
    }

    @Test
    void qos0Update_onThePrefixTopicItself_isStoredWithoutHoldingTheClientBack() throws Exception {
        final Clients.Tracker phone = clients.tracker(clients.demo());
        final Mqtt3BlockingClient tracker = clients.mqtt3(clients.device(clients.demo()));
        tracker.publishWith()
                .topic("iotbind/tracking")
                .qos(MqttQos.AT_MOST_ONCE)
                .payload(Publishes.bytes(
                        "{\"uid\":\"" + phone.uid() + "\",\"key\":\"" + phone.key() + "\",\"latitude\":-33.9}"))
                .send();
        final JsonNode state = Await.until(
                () -> clients.trackerState(clients.demo(), phone.uid()),
                current -> current.at("/document/latitude").isNumber());
        assertEquals(-33.9, state.at("/document/latitude").asDouble(), 0.0);
        assertTrue(state.get("connected").asBoolean());
    }

    private static List<String> fieldOrder(final JsonNode node) {
        final var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
