package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.subscription.TopicSubscription;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static io.hiveiot.tracking.broker.Publishes.drain;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static io.hiveiot.tracking.broker.Publishes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * foxtrackr group topics with real clients: a device's publish on {@code foxtrackr/12345/V3.0/bat} reaches
 * subscribers of its own topic and of {@code foxtrackr/<group>/V3.0/bat} for each of its groups, wildcard
 * subscribers ({@code foxtrackr/#}, {@code foxtrackr/+/V3.0/bat}) included; nothing crosses accounts. No role of
 * hive-iot-auth is edited: a family's account may subscribe to it because this extension decides family
 * subscriptions.
 */
class GroupTopicsTest {

    /** The seed's example payload shape (messageType, deviceId, version, timeMs, battery). */
    private static final String BATTERY = "{\"messageType\":3,\"deviceId\":\"12345\",\"version\":3,"
            + "\"timeMs\":1700000000000,\"battery\":{\"level\":87}}";

    @RegisterExtension
    static final HiveMqBroker broker =
            Brokers.withAuth().extensionConfig(Brokers.ID, """
                    <hive-iot-tracking>
                        <families>
                            <family name="foxtrackr" account="demo">
                                <group name="my_group_name">
                                    <device>12345</device>
                                    <device>12346</device>
                                </group>
                                <group name="north">
                                    <device>12345</device>
                                </group>
                            </family>
                        </families>
                    </hive-iot-tracking>
                    """).build();

    private final Clients clients = new Clients(broker);
    private static Clients.Device device12345;
    private static Clients.Device device12346;

    private void devices() throws Exception {
        synchronized (GroupTopicsTest.class) {
            if (device12345 == null) {
                device12345 = clients.device(clients.demo(), "12345");
                device12346 = clients.device(clients.demo(), "12346");
            }
        }
    }

    @Test
    void mqtt5_devicePublish_reachesItsOwnTopicAndEveryGroupTopic_forWildcardSubscribers() throws Exception {
        devices();
        final Mqtt5BlockingClient everything = subscriber("foxtrackr/#");
        final Mqtt5BlockingClient batteries = subscriber("foxtrackr/+/V3.0/bat");
        final Mqtt5BlockingClient group = subscriber("foxtrackr/my_group_name/V3.0/bat");
        final Mqtt5BlockingClient device = clients.mqtt5(device12345);
        try (var all = everything.publishes(MqttGlobalPublishFilter.ALL);
                var bat = batteries.publishes(MqttGlobalPublishFilter.ALL);
                var grp = group.publishes(MqttGlobalPublishFilter.ALL)) {
            final Mqtt5PubAck ack = qos1(device, "foxtrackr/12345/V3.0/bat", BATTERY);
            assertEquals(Mqtt5PubAckReasonCode.SUCCESS, ack.getReasonCode());

            final Map<String, String> expected = Map.of(
                    "foxtrackr/12345/V3.0/bat", BATTERY,
                    "foxtrackr/my_group_name/V3.0/bat", BATTERY,
                    "foxtrackr/north/V3.0/bat", BATTERY);
            assertEquals(expected, byTopic(all));
            assertEquals(expected, byTopic(bat));
            assertEquals(Map.of("foxtrackr/my_group_name/V3.0/bat", BATTERY), byTopic(grp));
        }
    }

    @Test
    void mqtt3_devicePublish_isFannedOutToItsGroups() throws Exception {
        devices();
        final Mqtt5BlockingClient group = subscriber("foxtrackr/my_group_name/#");
        final Mqtt3BlockingClient device = clients.mqtt3(device12346);
        try (var grp = group.publishes(MqttGlobalPublishFilter.ALL)) {
            device.publishWith()
                    .topic("foxtrackr/12346/V3.0/temp")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Publishes.bytes("{\"temperature\":{\"value\":21.5}}"))
                    .send();

            assertEquals(
                    Map.of("foxtrackr/my_group_name/V3.0/temp", "{\"temperature\":{\"value\":21.5}}"), byTopic(grp));
        }
    }

    @Test
    void deviceOutsideEveryGroup_reachesOnlyItsOwnTopic() throws Exception {
        final Clients.Device loner = clients.device(clients.demo(), "loner-" + System.nanoTime());
        final Mqtt5BlockingClient everything = subscriber("foxtrackr/#");
        final Mqtt5BlockingClient device = clients.mqtt5(loner);
        try (var all = everything.publishes(MqttGlobalPublishFilter.ALL)) {
            qos1(device, "foxtrackr/" + loner.name() + "/V3.0/bat", BATTERY);
            assertEquals(
                    Set.of("foxtrackr/" + loner.name() + "/V3.0/bat"),
                    byTopic(all).keySet());
        }
    }

    @Test
    void mqtt5_devicePublishingAsAnotherDeviceOrAsAGroup_isNotAuthorized_andNothingIsDelivered() throws Exception {
        devices();
        final Mqtt5BlockingClient everything = subscriber("foxtrackr/#");
        final Mqtt5BlockingClient device = clients.mqtt5(device12346);
        final long before =
                broker.metrics().counter("hive-iot.tracking.groups.refused").getCount();
        try (var all = everything.publishes(MqttGlobalPublishFilter.ALL)) {
            for (final String topic : new String[] {"foxtrackr/12345/V3.0/bat", "foxtrackr/my_group_name/V3.0/bat"}) {
                final Mqtt5PubAck ack = qos1(device, topic, BATTERY);
                assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode(), topic);
                assertEquals(
                        Optional.of("a device publishes only on its own topics: foxtrackr/12346/V3.0/bat"),
                        ack.getReasonString().map(Object::toString));
            }
            final Mqtt5PubAck shape = qos1(device, "foxtrackr/12346/bat", BATTERY);
            assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, shape.getReasonCode());
            assertEquals(
                    before + 3,
                    broker.metrics().counter("hive-iot.tracking.groups.refused").getCount());
            assertEquals(Map.of(), byTopic(all));
        }
    }

    @Test
    void otherAccount_canNeitherPublishIntoTheFamily_norSubscribeToIt() throws Exception {
        devices();
        final Clients.App acme = clients.newAccount("acme");
        final Clients.Device intruder = clients.device(acme, "12345");
        final Mqtt5BlockingClient foreignDevice = clients.mqtt5(clients.device(acme));
        final Mqtt5BlockingClient foreignApp = clients.app(acme);
        for (final String filter : new String[] {"foxtrackr/#", "foxtrackr/+/V3.0/bat", "$share/g/foxtrackr/#"}) {
            assertEquals(0x87, subscribeCode(foreignDevice, filter), filter);
            assertEquals(0x87, subscribeCode(foreignApp, filter), filter);
        }
        final Mqtt5BlockingClient ownSubscriber = subscriber("foxtrackr/#");
        try (var own = ownSubscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            final Mqtt5PubAck ack = qos1(clients.mqtt5(intruder), "foxtrackr/12345/V3.0/bat", BATTERY);
            assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode());
            assertEquals(
                    Optional.of("this family belongs to another account"),
                    ack.getReasonString().map(Object::toString));
            assertEquals(Map.of(), byTopic(own), "the intruder's message must not reach anyone");
        }
    }

    @Test
    void wildcardOfAnAccountWithTheRootTopicSpace_getsNoOtherAccountsFamilyMessages() throws Exception {
        devices();
        final Clients.App root = clients.newAccount("rooted");
        topicSpace(root, "root");
        try {
            final Clients.Device rootDevice = clients.device(root);
            final long guarded = guardedConnections();
            final Mqtt5BlockingClient everything = clients.mqtt5(rootDevice);
            assertEquals(guarded + 1, guardedConnections(), "it may subscribe to # and gets the guard");
            assertEquals(0x87, subscribeCode(everything, "foxtrackr/#"), "another account's family");
            assertEquals(0x87, subscribeCode(everything, "$share/g/foxtrackr/+/V3.0/bat"));
            assertFalse(qos1(everything, "plain/topic", "x").getReasonCode().isError(), "the rest stays open");
            assertEquals(0x01, subscribeCode(everything, "#"));
            final long dropped = broker.metrics()
                    .counter("hive-iot.tracking.groups.foreign-deliveries-dropped")
                    .getCount();
            try (var received = everything.publishes(MqttGlobalPublishFilter.ALL)) {
                qos1(clients.mqtt5(device12345), "foxtrackr/12345/V3.0/bat", BATTERY);
                assertEquals(Map.of(), byTopic(received), "a family's messages stay in its account");
            }
            assertEquals(
                    dropped + 3,
                    broker.metrics()
                            .counter("hive-iot.tracking.groups.foreign-deliveries-dropped")
                            .getCount());
        } finally {
            topicSpace(root, "account");
        }
    }

    @Test
    void familySubscriptions_needNoRoleEdit_andEveryOtherFilterFollowsTheAccountsPermissions() throws Exception {
        final Clients.App demo = clients.demo();
        clients.result(demo, "tracking", "family.create", ApiClient.args().put("family", "fresh-family"));
        final Mqtt5BlockingClient device = clients.mqtt5(clients.device(demo));
        final Mqtt5BlockingClient app = clients.app(demo);
        assertEquals(0x01, subscribeCode(device, "fresh-family/#"), "usable at once by the account's devices");
        assertEquals(0x01, subscribeCode(app, "fresh-family/+/V3.0/bat"), "and by its applications");
        assertEquals(0x01, subscribeCode(app, "$share/backend/fresh-family/#"));
        // not families: hive-iot-auth's permissions decide, as without this extension
        assertEquals(0x01, subscribeCode(device, "accounts/demo/#"));
        assertEquals(0x01, subscribeCode(device, "v1/devices/me/attributes"));
        assertEquals(0x87, subscribeCode(device, "users/demo/devices"));
        assertEquals(0x87, subscribeCode(device, "no-family/#"));
        assertEquals(0x87, subscribeCode(device, "#"));
        assertEquals(0x01, subscribeCode(app, "users/demo/devices"));
        assertEquals(0x87, subscribeCode(app, "accounts/demo/#"));
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                qos1(device, "accounts/demo/plain", "x").getReasonCode());
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                qos1(clients.mqtt5(clients.device(demo)), "no-family/x", "x").getReasonCode());
    }

    @Test
    void familyDeletedAndMadeAgainByAnotherAccount_removesTheFormerAccountsSubscriptions_onlineAndOffline()
            throws Exception {
        final Clients.App demo = clients.demo();
        final String name = "reborn-" + System.nanoTime();
        clients.result(demo, "tracking", "family.create", ApiClient.args().put("family", name));
        final Mqtt5BlockingClient former = clients.app(demo);
        assertEquals(0x01, subscribeCode(former, name + "/#"));
        assertEquals(0x01, subscribeCode(former, "$share/backend/" + name + "/+/V3.0/bat"));
        final String unrelated = "users/demo/api/quiet/response/none";
        assertEquals(0x01, subscribeCode(former, unrelated));
        final Clients.Device sleeper = clients.device(demo);
        final String sleeperId = "sleeper-" + System.nanoTime();
        final Mqtt5BlockingClient offline = persistentSession(sleeperId, sleeper);
        assertEquals(0x01, subscribeCode(offline, name + "/+/V3.0/bat"));
        offline.disconnect();
        final long removed = removedSubscriptions();

        clients.result(demo, "tracking", "family.delete", ApiClient.args().put("family", name));
        final Clients.App acme = clients.newAccount("acme");
        clients.result(acme, "tracking", "family.create", ApiClient.args().put("family", name));
        final String formerId =
                former.getConfig().getClientIdentifier().orElseThrow().toString();
        assertEquals(Set.of(unrelated), awaitSubscriptions(formerId, Set.of(unrelated)), "no other subscription");
        assertEquals(Set.of(), awaitSubscriptions(sleeperId, Set.of()), "the offline session's too");
        assertEquals(removed + 3, removedSubscriptions());

        assertEquals(0x87, subscribeCode(former, name + "/+/V3.0/bat"), "the name belongs to acme now");
        final Mqtt5BlockingClient owner = clients.app(acme);
        assertEquals(0x01, subscribeCode(owner, name + "/#"));
        final Mqtt5BlockingClient woken = persistentSession(sleeperId, sleeper);
        try (var formerReceived = former.publishes(MqttGlobalPublishFilter.ALL);
                var wokenReceived = woken.publishes(MqttGlobalPublishFilter.ALL);
                var ownerReceived = owner.publishes(MqttGlobalPublishFilter.ALL)) {
            final Clients.Device device = clients.device(acme);
            qos1(clients.mqtt5(device), name + "/" + device.name() + "/V3.0/bat", BATTERY);
            assertEquals(
                    Set.of(name + "/" + device.name() + "/V3.0/bat"),
                    byTopic(ownerReceived).keySet());
            assertEquals(Map.of(), byTopic(formerReceived), "a subscription made under the former owner is gone");
            assertEquals(Map.of(), byTopic(wokenReceived), "and so is the offline session's");
        }
    }

    @Test
    void familyMadeByTheAccount_keepsItsConnectedClientsSubscriptions_madeBeforeTheFamilyExisted() throws Exception {
        final Clients.App root = clients.newAccount("early");
        topicSpace(root, "root");
        final String name = "early-" + System.nanoTime();
        final Mqtt5BlockingClient early = clients.mqtt5(clients.device(root));
        assertEquals(0x01, subscribeCode(early, name + "/+/V3.0/bat"), "a plain root-space topic as yet");
        final long removed = removedSubscriptions();
        clients.result(root, "tracking", "family.create", ApiClient.args().put("family", name));
        try (var received = early.publishes(MqttGlobalPublishFilter.ALL)) {
            final Clients.Device device = clients.device(root);
            qos1(clients.mqtt5(device), name + "/" + device.name() + "/V3.0/bat", BATTERY);
            assertEquals(
                    Set.of(name + "/" + device.name() + "/V3.0/bat"),
                    byTopic(received).keySet());
        }
        assertEquals(removed, removedSubscriptions());
    }

    @Test
    void serviceMadeFamilyAndGroups_fanOut_andMembershipChangesApplyAtOnce() throws Exception {
        final Clients.App demo = clients.demo();
        final Clients.Device truck = clients.device(demo, "truck-" + System.nanoTime());
        clients.result(demo, "tracking", "family.create", ApiClient.args().put("family", "foxfleet"));
        final var create = ApiClient.args().put("family", "foxfleet").put("group", "trucks");
        create.putArray("devices").add(truck.name());
        final JsonNode group = clients.result(demo, "tracking", "group.create", create);
        assertEquals(truck.name(), group.get("devices").get(0).asText());

        final Mqtt5BlockingClient subscriber = subscriber("foxfleet/+/V3.0/bat");
        final Mqtt5BlockingClient device = clients.mqtt5(truck);
        try (var received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            qos1(device, "foxfleet/" + truck.name() + "/V3.0/bat", BATTERY);
            assertEquals(
                    Set.of("foxfleet/" + truck.name() + "/V3.0/bat", "foxfleet/trucks/V3.0/bat"),
                    byTopic(received).keySet());

            final var remove = ApiClient.args().put("family", "foxfleet").put("group", "trucks");
            remove.putArray("devices").add(truck.name());
            assertEquals(
                    0,
                    clients.result(demo, "tracking", "group.remove", remove)
                            .get("devices")
                            .size());
            qos1(device, "foxfleet/" + truck.name() + "/V3.0/bat", BATTERY);
            assertEquals(
                    Set.of("foxfleet/" + truck.name() + "/V3.0/bat"),
                    byTopic(received).keySet());
        }
        final JsonNode families = clients.result(demo, "tracking", "family.list", ApiClient.args());
        final Set<String> names = new java.util.TreeSet<>();
        families.get("families")
                .forEach(family -> names.add(family.get("family").asText()));
        assertTrue(names.containsAll(Set.of("foxfleet", "foxtrackr")), families.toString());
    }

    @Test
    void configuredFamily_isReadOnlyForTheService_andInvisibleToOtherAccounts() throws Exception {
        final Clients.App demo = clients.demo();
        final var add = ApiClient.args().put("family", "foxtrackr").put("group", "north");
        add.putArray("devices").add("999");
        assertEquals(
                "forbidden",
                clients.call(demo, "tracking", "group.add", add)
                        .at("/error/code")
                        .asText());
        final JsonNode groups =
                clients.result(demo, "tracking", "group.list", ApiClient.args().put("family", "foxtrackr"));
        assertEquals(2, groups.get("groups").size());

        final Clients.App acme = clients.newAccount("acme");
        assertEquals(
                "not-found",
                clients.call(acme, "tracking", "group.list", ApiClient.args().put("family", "foxtrackr"))
                        .at("/error/code")
                        .asText());
        assertEquals(
                "conflict",
                clients.call(acme, "tracking", "family.create", ApiClient.args().put("family", "foxtrackr"))
                        .at("/error/code")
                        .asText());
        assertEquals(
                "bad-request",
                clients.call(acme, "tracking", "family.create", ApiClient.args().put("family", "users"))
                        .at("/error/code")
                        .asText());
        assertFalse(clients.result(acme, "tracking", "family.list", ApiClient.args())
                .get("families")
                .elements()
                .hasNext());
    }

    @Test
    void devicesAndApplicationsOfTheDefaultTopicSpace_getNoDeliveryGuard() throws Exception {
        final Clients.App demo = clients.demo();
        final Clients.Device device = clients.device(demo);
        final long guarded = guardedConnections();
        final Mqtt5BlockingClient plain = clients.mqtt5(device);
        final Mqtt5BlockingClient app = clients.app(demo);
        assertEquals(0x01, subscribeCode(plain, "foxtrackr/#"));
        assertEquals(guarded, guardedConnections());
        app.disconnect();
        plain.disconnect();
    }

    /** Gives an account the root topic space, or the default one back, as an administrative account does. */
    private void topicSpace(final Clients.App account, final String space) throws Exception {
        clients.result(
                clients.demo(),
                "registry",
                "account.update",
                ApiClient.args().put("id", account.account()).put("topicSpace", space));
    }

    private Mqtt5BlockingClient persistentSession(final String clientId, final Clients.Device device) {
        return broker.persistentSession(clientId, device.token());
    }

    /** The client's subscriptions in the broker's subscription store, once they are {@code expected}. */
    private static Set<String> awaitSubscriptions(final String clientId, final Set<String> expected) throws Exception {
        return Await.until(
                () -> Services.subscriptionStore().getSubscriptions(clientId).get().stream()
                        .map(TopicSubscription::getTopicFilter)
                        .collect(Collectors.toSet()),
                expected::equals);
    }

    private static long guardedConnections() {
        return broker.metrics()
                .counter("hive-iot.tracking.groups.guarded-connections")
                .getCount();
    }

    private static long removedSubscriptions() {
        return broker.metrics()
                .counter("hive-iot.tracking.groups.subscriptions-removed")
                .getCount();
    }

    private Mqtt5BlockingClient subscriber(final String filter) throws Exception {
        final Mqtt5BlockingClient client = clients.mqtt5(clients.device(clients.demo()));
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return client;
    }

    /** What arrives within half a second, by topic. */
    private static Map<String, String> byTopic(final Mqtt5BlockingClient.Mqtt5Publishes publishes)
            throws InterruptedException {
        return drain(publishes, 500).stream()
                .collect(Collectors.toMap(
                        publish -> publish.getTopic().toString(),
                        (Mqtt5Publish publish) -> text(publish),
                        (a, b) -> a + "|" + b,
                        TreeMap::new));
    }
}
