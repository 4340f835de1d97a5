package io.hiveiot.tracking.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.hiveiot.tracking.broker.Publishes.TRACKING;
import static io.hiveiot.tracking.broker.Publishes.json;
import static io.hiveiot.tracking.broker.Publishes.next;
import static io.hiveiot.tracking.broker.Publishes.qos1;
import static io.hiveiot.tracking.broker.Publishes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything acknowledged survives a broker restart: devices, keys, settings, latest values, history, and
 * service-made groups; connection status starts over as disconnected.
 */
class RestartTest {

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Clients clients = new Clients(broker);

    @Test
    void acknowledgedUpdatesDevicesAndGroups_surviveARestart() throws Exception {
        final ObjectNode args = ApiClient.args().put("uid", "phone-1").put("name", "Phone");
        args.putObject("units").put("data1", "%");
        args.putObject("publish").put("topic", "accounts/demo/phones/1");
        final Clients.Tracker phone = clients.tracker(clients.demo(), args);
        final Clients.Device device = clients.device(clients.demo(), "fox-1");
        clients.result(
                clients.demo(), "tracking", "family.create", ApiClient.args().put("family", "foxtrackr"));
        final ObjectNode group = ApiClient.args().put("family", "foxtrackr").put("group", "fleet");
        group.putArray("devices").add("fox-1");
        clients.result(clients.demo(), "tracking", "group.create", group);

        final Mqtt5BlockingClient tracker = clients.mqtt5(device);
        final String update = "{\"uid\":\"phone-1\",\"key\":\"" + phone.key()
                + "\",\"longitude\":\"17.6359479\",\"latitude\":44.5318535,\"data1\":\"77\"}";
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS, qos1(tracker, TRACKING, update).getReasonCode());
        assertTrue(
                clients.trackerState(clients.demo(), "phone-1").get("connected").asBoolean());

        broker.restart();

        final JsonNode state = clients.trackerState(clients.demo(), "phone-1");
        assertFalse(state.get("connected").asBoolean(), "no connection survives a restart");
        assertEquals("17.6359479", state.at("/document/longitude").asText());
        assertTrue(state.at("/document/latitude").isNumber());
        assertEquals("%", state.at("/units/data1").asText());
        assertEquals(
                1,
                clients.result(
                                clients.demo(),
                                "tracking",
                                "history",
                                ApiClient.args().put("uid", "phone-1"))
                        .get("positions")
                        .size());

        // The key still works after the restart, and the group still fans out.
        final Mqtt5BlockingClient subscriber = clients.mqtt5(clients.device(clients.demo()));
        final Mqtt5BlockingClient again = clients.mqtt5(device);
        try (var received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("accounts/demo/phones/1")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertEquals(
                    Mqtt5PubAckReasonCode.SUCCESS,
                    qos1(again, TRACKING, "{\"uid\":\"phone-1\",\"key\":\"" + phone.key() + "\",\"cmd\":\"get\"}")
                            .getReasonCode());
            assertEquals("77", json(text(next(received))).get("data1").asText());
        }
        final Mqtt5BlockingClient fleet = clients.mqtt5(clients.device(clients.demo()));
        try (var received = fleet.publishes(MqttGlobalPublishFilter.ALL)) {
            fleet.subscribeWith()
                    .topicFilter("foxtrackr/fleet/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            qos1(again, "foxtrackr/fox-1/V3.0/bat", "{\"battery\":{}}");
            assertEquals("foxtrackr/fleet/V3.0/bat", next(received).getTopic().toString());
        }
    }
}
