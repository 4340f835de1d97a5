package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared attributes written by applications: stored, pushed to the subscribed device, and requested back. */
class SharedAttributesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void set_pushesTheChangedKeysOnly_delete_pushesDeleted_asThingsBoardDoes() throws Exception {
        final Devices.Device device = devices.create("shared");
        final Mqtt3BlockingClient client = devices.mqtt3(device);
        client.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        final Mqtt5BlockingClient watcher = devices.demoApp("shared-watch");
        watcher.subscribeWith()
                .topicFilter("users/demo/devices/" + device.name() + "/attributes")
                .send();
        try (var pushes = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var events = watcher.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
                var api = new ApiClient(devices.demoApp("shared-app"), "demo")) {
            final JsonNode first = api.result(
                    "devices",
                    "attributes.set",
                    args().put("device", device.name())
                            .set("attributes", JSON.readTree("{\"mode\":\"eco\",\"target\":21.0,\"cfg\":{\"a\":1}}")));
            assertEquals(
                    JSON.readTree("{\"device\":\"" + device.name() + "\",\"changed\":[\"mode\",\"target\","
                            + "\"cfg\"],\"pushed\":true}"),
                    first);
            assertEquals("{\"mode\":\"eco\",\"target\":21.0,\"cfg\":{\"a\":1}}", text(pushes));
            assertEquals(
                    JSON.readTree("{\"scope\":\"shared\",\"values\":{\"mode\":\"eco\",\"target\":21.0,"
                            + "\"cfg\":{\"a\":1}}}"),
                    TelemetryTest.event(events, "attributes").get("data"));

            api.result(
                    "devices",
                    "attributes.set",
                    args().put("device", device.name())
                            .set("attributes", JSON.readTree("{\"mode\":\"eco\",\"target\":22}")));
            assertEquals("{\"target\":22}", text(pushes));
            assertEquals(
                    JSON.readTree("{\"scope\":\"shared\",\"values\":{\"target\":22}}"),
                    TelemetryTest.event(events, "attributes").get("data"));

            final JsonNode unchanged = api.result(
                    "devices",
                    "attributes.set",
                    args().put("device", device.name()).set("attributes", JSON.readTree("{\"mode\":\"eco\"}")));
            assertEquals(0, unchanged.get("changed").size());
            assertEquals(Optional.empty(), pushes.receive(300, TimeUnit.MILLISECONDS));

            final JsonNode deleted = api.result(
                    "devices",
                    "attributes.delete",
                    args().put("device", device.name()).set("keys", JSON.readTree("[\"cfg\",\"never-set\"]")));
            assertEquals(JSON.readTree("[\"cfg\"]"), deleted.get("deleted"));
            assertEquals("{\"deleted\":[\"cfg\"]}", text(pushes));
            assertEquals(
                    JSON.readTree("{\"scope\":\"shared\",\"deleted\":[\"cfg\"]}"),
                    TelemetryTest.event(events, "attributes").get("data"));
            assertEquals(
                    JSON.readTree("{\"mode\":\"eco\",\"target\":22}"),
                    api.result(
                                    "devices",
                                    "attributes.get",
                                    args().put("device", device.name()).put("scope", "shared"))
                            .get("shared"));
        }
    }

    @Test
    void anOfflineDevice_getsNothingPushed_butTheValuesAreStored_andReturnedToItsRequest() throws Exception {
        final Devices.Device device = devices.create("offline-shared");
        try (var api = new ApiClient(devices.demoApp("offline-app"), "demo")) {
            final JsonNode set = api.result(
                    "devices",
                    "attributes.set",
                    args().put("device", device.name()).set("attributes", JSON.readTree("{\"interval\":30}")));
            assertEquals(false, set.get("pushed").asBoolean());
            assertEquals(
                    JSON.readTree("{\"device\":\"" + device.name() + "\",\"shared\":{\"interval\":30}}"),
                    api.result(
                            "devices",
                            "attributes.get",
                            args().put("device", device.name()).put("scope", "shared")));
        }
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        try (var received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            qos1(client, "v1/devices/me/attributes", "{\"battery\":97}");
            qos1(
                    client,
                    "v1/devices/me/attributes/request/4",
                    "{\"clientKeys\":\"battery\",\"sharedKeys\":\"interval\"}");
            final Mqtt5Publish response = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals(
                    "{\"client\":{\"battery\":97},\"shared\":{\"interval\":30}}",
                    new String(response.getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
        try (var api = new ApiClient(devices.demoApp("offline-get"), "demo")) {
            assertEquals(
                    JSON.readTree("{\"device\":\"" + device.name() + "\",\"client\":{\"battery\":97},"
                            + "\"shared\":{\"interval\":30}}"),
                    api.result("devices", "attributes.get", args().put("device", device.name())));
            assertEquals(
                    JSON.readTree("{\"device\":\"" + device.name() + "\",\"client\":{}}"),
                    api.result(
                            "devices",
                            "attributes.get",
                            args().put("device", device.name())
                                    .put("scope", "client")
                                    .set("keys", JSON.readTree("[\"nope\"]"))));
        }
    }

    @Test
    void firmwareKeys_badValues_andMissingArguments_areRefused_andNothingIsStored() throws Exception {
        final Devices.Device device = devices.create("refused-shared");
        try (var api = new ApiClient(devices.demoApp("refused-app"), "demo")) {
            assertEquals(
                    "forbidden",
                    api.errorCode(
                            "devices",
                            "attributes.set",
                            args().put("device", device.name())
                                    .set("attributes", JSON.readTree("{\"ok\":1,\"fw_version\":\"2.0\"}"))));
            assertEquals(
                    "forbidden",
                    api.errorCode(
                            "devices",
                            "attributes.delete",
                            args().put("device", device.name()).set("keys", JSON.readTree("[\"sw_title\"]"))));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "attributes.set",
                            args().put("device", device.name()).set("attributes", JSON.readTree("{\"\":1}"))));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "attributes.set",
                            args().put("device", device.name()).put("attributes", "x")));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "attributes.delete",
                            args().put("device", device.name()).set("keys", JSON.readTree("[]"))));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "attributes.get",
                            args().put("device", device.name()).put("scope", "server")));
            assertEquals(
                    JSON.readTree("{}"),
                    api.result(
                                    "devices",
                                    "attributes.get",
                                    args().put("device", device.name()).put("scope", "shared"))
                            .get("shared"));
        }
    }

    private static String text(final Mqtt3BlockingClient.Mqtt3Publishes pushes) throws InterruptedException {
        return new String(
                pushes.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
