package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.hiveiot.tracking.broker.Publishes.drain;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static io.hiveiot.tracking.broker.Publishes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * foxtrackr group topics with real clients: a device's publish on {@code foxtrackr/12345/V3.0/bat} reaches
 * subscribers of its own topic and of {@code foxtrackr/<group>/V3.0/bat} for each of its groups, wildcard
 * subscribers ({@code foxtrackr/#}, {@code foxtrackr/+/V3.0/bat}) included; nothing crosses accounts.
 */
class GroupTopicsTest {

    /** The seed's example payload shape (messageType, deviceId, version, timeMs, battery). */
    private static final String BATTERY = "{\"messageType\":3,\"deviceId\":\"12345\",\"version\":3,"
            + "\"timeMs\":1700000000000,\"battery\":{\"level\":87}}";

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth()
            .extensionConfig(Brokers.ID, """
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
                    """)
            .build();

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
            device.publishWith().topic("foxtrackr/12346/V3.0/temp").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Publishes.bytes("{\"temperature\":{\"value\":21.5}}")).send();

            assertEquals(Map.of("foxtrackr/my_group_name/V3.0/temp", "{\"temperature\":{\"value\":21.5}}"),
                    byTopic(grp));
        }
    }

    @Test
    void deviceOutsideEveryGroup_reachesOnlyItsOwnTopic() throws Exception {
        final Clients.Device loner = clients.device(clients.demo(), "loner-" + System.nanoTime());
        final Mqtt5BlockingClient everything = subscriber("foxtrackr/#");
        final Mqtt5BlockingClient device = clients.mqtt5(loner);
        try (var all = everything.publishes(MqttGlobalPublishFilter.ALL)) {
            qos1(device, "foxtrackr/" + loner.name() + "/V3.0/bat", BATTERY);
            assertEquals(Set.of("foxtrackr/" + loner.name() + "/V3.0/bat"), byTopic(all).keySet());
        }
    }

    @Test
    void mqtt5_devicePublishingAsAnotherDeviceOrAsAGroup_isNotAuthorized_andNothingIsDelivered() throws Exception {
        devices();
        final Mqtt5BlockingClient everything = subscriber("foxtrackr/#");
        final Mqtt5BlockingClient device = clients.mqtt5(device12346);
        final long before = broker.metrics().counter("hive-iot.tracking.groups.refused").getCount();
        try (var all = everything.publishes(MqttGlobalPublishFilter.ALL)) {
            for (final String topic : new String[]{"foxtrackr/12345/V3.0/bat", "foxtrackr/my_group_name/V3.0/bat"}) {
                final Mqtt5PubAck ack = qos1(device, topic, BATTERY);
                assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode(), topic);
                assertEquals(Optional.of("a device publishes only on its own topics: foxtrackr/12346/V3.0/bat"),
                        ack.getReasonString().map(Object::toString));
            }
            final Mqtt5PubAck shape = qos1(device, "foxtrackr/12346/bat", BATTERY);
            assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, shape.getReasonCode());
            assertEquals(before + 3, broker.metrics().counter("hive-iot.tracking.groups.refused").getCount());
            assertEquals(Map.of(), byTopic(all));
        }
    }

    @Test
    void otherAccount_canNeitherPublishIntoTheFamily_norReceiveIt() throws Exception {
        devices();
        final Clients.App acme = clients.newAccount("acme");
        final Clients.Device intruder = clients.device(acme, "12345");
        final Mqtt5BlockingClient foreignSubscriber = clients.mqtt5(clients.device(acme));
        foreignSubscriber.subscribeWith().topicFilter("foxtrackr/#").qos(MqttQos.AT_LEAST_ONCE).send();
        final Mqtt5BlockingClient ownSubscriber = subscriber("foxtrackr/#");
        final long dropped = broker.metrics().counter("hive-iot.tracking.groups.foreign-deliveries-dropped")
                .getCount();
        try (var foreign = foreignSubscriber.publishes(MqttGlobalPublishFilter.ALL);
             var own = ownSubscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            final Mqtt5PubAck ack = qos1(clients.mqtt5(intruder), "foxtrackr/12345/V3.0/bat", BATTERY);
            assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, ack.getReasonCode());
            assertEquals(Optional.of("this family belongs to another account"),
                    ack.getReasonString().map(Object::toString));
            assertEquals(Map.of(), byTopic(own), "the intruder's message must not reach anyone");

            qos1(clients.mqtt5(device12345), "foxtrackr/12345/V3.0/bat", BATTERY);
            assertEquals(3, byTopic(own).size());
            assertEquals(Map.of(), byTopic(foreign), "a family's messages stay in its account");
            assertEquals(dropped + 3, broker.metrics()
                    .counter("hive-iot.tracking.groups.foreign-deliveries-dropped").getCount());
        }
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
            assertEquals(Set.of("foxfleet/" + truck.name() + "/V3.0/bat", "foxfleet/trucks/V3.0/bat"),
                    byTopic(received).keySet());

            final var remove = ApiClient.args().put("family", "foxfleet").put("group", "trucks");
            remove.putArray("devices").add(truck.name());
            assertEquals(0, clients.result(demo, "tracking", "group.remove", remove).get("devices").size());
            qos1(device, "foxfleet/" + truck.name() + "/V3.0/bat", BATTERY);
            assertEquals(Set.of("foxfleet/" + truck.name() + "/V3.0/bat"), byTopic(received).keySet());
        }
        final JsonNode families = clients.result(demo, "tracking", "family.list", ApiClient.args());
        assertEquals(2, families.get("families").size(), families.toString());
    }

    @Test
    void configuredFamily_isReadOnlyForTheService_andInvisibleToOtherAccounts() throws Exception {
        final Clients.App demo = clients.demo();
        final var add = ApiClient.args().put("family", "foxtrackr").put("group", "north");
        add.putArray("devices").add("999");
        assertEquals("forbidden", clients.call(demo, "tracking", "group.add", add).at("/error/code").asText());
        final JsonNode groups = clients.result(demo, "tracking", "group.list", ApiClient.args().put("family",
                "foxtrackr"));
        assertEquals(2, groups.get("groups").size());

        final Clients.App acme = clients.newAccount("acme");
        assertEquals("not-found", clients.call(acme, "tracking", "group.list",
                ApiClient.args().put("family", "foxtrackr")).at("/error/code").asText());
        assertEquals("conflict", clients.call(acme, "tracking", "family.create",
                ApiClient.args().put("family", "foxtrackr")).at("/error/code").asText());
        assertEquals("bad-request", clients.call(acme, "tracking", "family.create",
                ApiClient.args().put("family", "users")).at("/error/code").asText());
        assertFalse(clients.result(acme, "tracking", "family.list", ApiClient.args()).get("families").elements()
                .hasNext());
    }

    private Mqtt5BlockingClient subscriber(final String filter) throws Exception {
        final Mqtt5BlockingClient client = clients.mqtt5(clients.device(clients.demo()));
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return client;
    }

    /** What arrives within half a second, by topic. */
    private static Map<String, String> byTopic(final Mqtt5BlockingClient.Mqtt5Publishes publishes)
            throws InterruptedException {
        return drain(publishes, 500).stream().collect(Collectors.toMap(publish -> publish.getTopic().toString(),
                (Mqtt5Publish publish) -> text(publish), (a, b) -> a + "|" + b, TreeMap::new));
    }
}
