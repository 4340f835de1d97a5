package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.tracking.TrackingExtensionMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.tracking.broker.Publishes.JSON;
import static io.hiveiot.tracking.broker.Publishes.TRACKING;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code tracking} service: device ops, keys, settings checks, pagination, accounts kept apart. */
class TrackingServiceTest {

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Clients clients = new Clients(broker);

    @Test
    void create_returnsTheKeyOnce_listAndGetNeverShowIt() throws Exception {
        final JsonNode created = clients.result(
                clients.demo(),
                "tracking",
                "device.create",
                ApiClient.args().put("name", "Phone").put("type", "Phone app tracking"));
        assertEquals(20, created.get("key").asText().length());
        assertEquals("Phone app tracking", created.at("/document/type").asText());
        assertFalse(created.get("connected").asBoolean());

        final JsonNode got =
                clients.trackerState(clients.demo(), created.get("uid").asText());
        assertFalse(got.has("key"));
        assertFalse(got.toString().contains(created.get("key").asText()));
        final JsonNode listed = clients.result(clients.demo(), "tracking", "device.list", ApiClient.args());
        assertFalse(listed.toString().contains(created.get("key").asText()));
    }

    @Test
    void unknownArgumentNames_areBadRequestsNamingThem() throws Exception {
        final ObjectNode misspelt = ApiClient.args().put("uid", "typo-tracker");
        misspelt.putObject("publish").put("topik", "accounts/demo/x");
        final JsonNode answer = clients.call(clients.demo(), "tracking", "device.create", misspelt);
        assertEquals("bad-request", answer.at("/error/code").asText());
        assertTrue(
                answer.at("/error/message")
                        .asText()
                        .startsWith("args.publish.topik is not an argument of " + "device.create"),
                answer.toString());
        assertEquals(
                "bad-request",
                clients.call(
                                clients.demo(),
                                "tracking",
                                "family.create",
                                ApiClient.args().put("family", "f").put("acount", "other"))
                        .at("/error/code")
                        .asText());
    }

    @Test
    void create_withATakenUid_isAConflict() throws Exception {
        clients.tracker(clients.demo(), ApiClient.args().put("uid", "dup-1"));
        assertEquals(
                "conflict",
                clients.call(
                                clients.demo(),
                                "tracking",
                                "device.create",
                                ApiClient.args().put("uid", "dup-1"))
                        .at("/error/code")
                        .asText());
    }

    @Test
    void sameUid_inTwoAccounts_areTwoDevices_andEachAccountSeesOnlyItsOwn() throws Exception {
        final Clients.App acme = clients.newAccount("acme");
        final Clients.Tracker mine =
                clients.tracker(clients.demo(), ApiClient.args().put("uid", "shared-uid"));
        final Clients.Tracker theirs = clients.tracker(acme, ApiClient.args().put("uid", "shared-uid"));
        assertNotEquals(mine.key(), theirs.key());
        assertEquals(List.of("shared-uid"), uids(clients.result(acme, "tracking", "device.list", ApiClient.args())));
        assertEquals(
                "not-found",
                clients.call(acme, "tracking", "device.get", ApiClient.args().put("uid", "not-in-acme"))
                        .at("/error/code")
                        .asText());

        // Each key works only through a client of its own account.
        final Mqtt5BlockingClient acmeTracker = clients.mqtt5(clients.device(acme));
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(acmeTracker, TRACKING, "{\"uid\":\"shared-uid\",\"key\":\"" + theirs.key() + "\",\"longitude\":5}")
                        .getReasonCode());
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                qos1(acmeTracker, TRACKING, "{\"uid\":\"shared-uid\",\"key\":\"" + mine.key() + "\",\"longitude\":5}")
                        .getReasonCode());
        assertEquals(
                "",
                clients.trackerState(clients.demo(), "shared-uid")
                        .at("/document/longitude")
                        .asText());
    }

    @Test
    void update_setsUnitsAndPublishing_andRefusesTopicsOutsideTheAccount() throws Exception {
        final Clients.Tracker tracker = clients.tracker(clients.demo());
        final ObjectNode change = ApiClient.args().put("uid", tracker.uid()).put("name", "Renamed");
        change.putObject("units").put("data2", "°C");
        change.putObject("publish").put("enabled", true).put("topic", "accounts/demo/t/" + tracker.uid());
        final JsonNode updated = clients.result(clients.demo(), "tracking", "device.update", change);
        assertEquals("Renamed", updated.get("name").asText());
        assertEquals("°C", updated.at("/document/data2_unit").asText());
        assertTrue(updated.at("/publish/enabled").asBoolean());

        for (final String topic : List.of(
                "accounts/other/t", "users/demo/devices", "accounts/demo/#", "accounts/demo/", "iotbind/tracking/x")) {
            final ObjectNode bad = ApiClient.args().put("uid", tracker.uid());
            bad.putObject("publish").put("topic", topic);
            assertEquals(
                    "bad-request",
                    clients.call(clients.demo(), "tracking", "device.update", bad)
                            .at("/error/code")
                            .asText(),
                    topic);
        }
        final ObjectNode noTopic = ApiClient.args().put("uid", tracker.uid());
        noTopic.putObject("publish").putNull("topic");
        assertEquals(
                "bad-request",
                clients.call(clients.demo(), "tracking", "device.update", noTopic)
                        .at("/error/code")
                        .asText(),
                "publishing enabled needs a topic");
        assertEquals(
                "accounts/demo/t/" + tracker.uid(),
                clients.trackerState(clients.demo(), tracker.uid())
                        .at("/publish/topic")
                        .asText(),
                "a refused change changes nothing");
    }

    @Test
    void accountWithTheRootTopicSpace_publishesDocumentsOnTopicsOfItsOwnChoosing() throws Exception {
        final Clients.App iotBind = clients.newAccount("iotbind-user");
        final ObjectNode plainTopic = ApiClient.args().put("uid", "van7");
        plainTopic.putObject("publish").put("enabled", true).put("topic", "fleet/van7");
        assertEquals(
                "bad-request",
                clients.call(iotBind, "tracking", "device.create", plainTopic)
                        .at("/error/code")
                        .asText(),
                "only inside accounts/<account>/ by default");

        clients.result(
                clients.demo(),
                "registry",
                "account.update",
                ApiClient.args().put("id", iotBind.account()).put("topicSpace", "root"));
        try {
            final Clients.Tracker tracker = clients.tracker(iotBind, plainTopic);
            final Mqtt5BlockingClient subscriber = clients.mqtt5(clients.device(iotBind));
            subscriber
                    .subscribeWith()
                    .topicFilter("fleet/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            try (var documents = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                assertEquals(
                        Mqtt5PubAckReasonCode.SUCCESS,
                        qos1(
                                        subscriber,
                                        TRACKING,
                                        "{\"uid\":\"van7\",\"key\":\"" + tracker.key() + "\",\"latitude\":44.5}")
                                .getReasonCode());
                assertEquals(
                        "fleet/van7",
                        documents
                                .receive(5, TimeUnit.SECONDS)
                                .orElseThrow()
                                .getTopic()
                                .toString());
            }
            final ObjectNode platform = ApiClient.args().put("uid", "van7");
            platform.putObject("publish").put("topic", "users/" + iotBind.account() + "/devices");
            assertEquals(
                    "bad-request",
                    clients.call(iotBind, "tracking", "device.update", platform)
                            .at("/error/code")
                            .asText());
        } finally {
            clients.result(
                    clients.demo(),
                    "registry",
                    "account.update",
                    ApiClient.args().put("id", iotBind.account()).put("topicSpace", "account"));
        }
    }

    @Test
    void keyRotate_replacesTheKey_theOldOneStopsWorking() throws Exception {
        final Clients.Tracker tracker = clients.tracker(clients.demo());
        final String newKey = clients.result(
                        clients.demo(),
                        "tracking",
                        "key.rotate",
                        ApiClient.args().put("uid", tracker.uid()))
                .get("key")
                .asText();
        assertNotEquals(tracker.key(), newKey);
        final Mqtt5BlockingClient client = clients.mqtt5(clients.device(clients.demo()));
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                qos1(
                                client,
                                TRACKING,
                                "{\"uid\":\"" + tracker.uid() + "\",\"key\":\"" + tracker.key()
                                        + "\",\"cmd\":\"ping\"}")
                        .getReasonCode());
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(
                                client,
                                TRACKING,
                                "{\"uid\":\"" + tracker.uid() + "\",\"key\":\"" + newKey + "\",\"cmd\":\"ping\"}")
                        .getReasonCode());
    }

    @Test
    void delete_removesTheDeviceAndItsHistory_aRecreatedUidStartsEmpty() throws Exception {
        final Clients.Tracker tracker =
                clients.tracker(clients.demo(), ApiClient.args().put("uid", "reborn"));
        final Mqtt5BlockingClient client = clients.mqtt5(clients.device(clients.demo()));
        qos1(client, TRACKING, "{\"uid\":\"reborn\",\"key\":\"" + tracker.key() + "\",\"longitude\":1}");
        assertTrue(clients.result(
                        clients.demo(),
                        "tracking",
                        "device.delete",
                        ApiClient.args().put("uid", "reborn"))
                .get("deleted")
                .asBoolean());
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                qos1(client, TRACKING, "{\"uid\":\"reborn\",\"key\":\"" + tracker.key() + "\",\"cmd\":\"ping\"}")
                        .getReasonCode());

        clients.tracker(clients.demo(), ApiClient.args().put("uid", "reborn"));
        assertEquals(
                0,
                clients.result(
                                clients.demo(),
                                "tracking",
                                "history",
                                ApiClient.args().put("uid", "reborn"))
                        .get("positions")
                        .size());
        assertEquals(
                "",
                clients.trackerState(clients.demo(), "reborn")
                        .at("/document/longitude")
                        .asText());
    }

    @Test
    void list_isPaginatedByUid() throws Exception {
        final Clients.App app = clients.newAccount("pages");
        for (final String uid : List.of("a", "b", "c")) {
            clients.tracker(app, ApiClient.args().put("uid", uid));
        }
        final JsonNode first =
                clients.result(app, "tracking", "device.list", ApiClient.args().put("limit", 2));
        assertEquals(List.of("a", "b"), uids(first));
        final JsonNode second = clients.result(
                app,
                "tracking",
                "device.list",
                ApiClient.args()
                        .put("limit", 2)
                        .put("cursor", first.get("cursor").asText()));
        assertEquals(List.of("c"), uids(second));
        assertFalse(second.has("cursor"));
    }

    @Test
    void badArguments_areBadRequests() throws Exception {
        for (final ObjectNode args : List.of(
                ApiClient.args().put("uid", "a/b"),
                ApiClient.args().put("uid", "#"),
                ApiClient.args().put("key", "short"),
                ApiClient.args().put("name", 5))) {
            assertEquals(
                    "bad-request",
                    clients.call(clients.demo(), "tracking", "device.create", args)
                            .at("/error/code")
                            .asText(),
                    args.toString());
        }
        assertEquals(
                "bad-request",
                clients.call(
                                clients.demo(),
                                "tracking",
                                "history",
                                ApiClient.args().put("uid", "x").put("from", "yesterday"))
                        .at("/error/code")
                        .asText());
        assertEquals(
                "not-found",
                clients.call(
                                clients.demo(),
                                "tracking",
                                "history",
                                ApiClient.args().put("uid", "no-such"))
                        .at("/error/code")
                        .asText());
    }

    @Test
    void schema_describesExactlyTheOpsTheServiceHas() throws Exception {
        final Set<String> described = new HashSet<>();
        try (var in = TrackingExtensionMain.class.getResourceAsStream("/api/tracking.schema.json")) {
            JSON.readTree(in).get("ops").fieldNames().forEachRemaining(described::add);
        }
        final String message = clients.call(clients.demo(), "tracking", "no-such-op", ApiClient.args())
                .at("/error/message")
                .asText();
        final Set<String> served =
                Set.of(message.substring(message.indexOf(" has ") + 5).split(", "));
        assertEquals(described, served);
        assertTrue(
                served.containsAll(Set.of(
                        "device.create", "device.list", "device.update", "device.delete", "key.rotate", "history")),
                "the CLI and users' scripts rely on these ops");
    }

    private static List<String> uids(final JsonNode page) {
        final var uids = new java.util.ArrayList<String>();
        page.get("devices").forEach(device -> uids.add(device.get("uid").asText()));
        return uids;
    }
}
