package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.deviceapi.DeviceApiExtensionMain;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The devices service's reads, its account boundary, and its schema file. */
class DevicesServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    @Test
    void telemetry_latestAndHistory_pageByPage_newestFirst_typedAsStored() throws Exception {
        final Devices.Device device = devices.create("history");
        final Mqtt5BlockingClient client = devices.mqtt5(device);
        qos1(
                client,
                "[{\"ts\":1000,\"values\":{\"t\":20,\"s\":\"ok\"}},{\"ts\":2000,\"values\":{\"t\":20.5}},"
                        + "{\"ts\":3000,\"values\":{\"t\":21,\"j\":{\"a\":[1]}}}]");
        try (var api = new ApiClient(devices.demoApp("reader"), "demo")) {
            assertEquals(
                    JSON.readTree("{\"device\":\"" + device.name() + "\",\"values\":{"
                            + "\"j\":{\"ts\":3000,\"value\":{\"a\":[1]}},\"s\":{\"ts\":1000,\"value\":\"ok\"},"
                            + "\"t\":{\"ts\":3000,\"value\":21}}}"),
                    api.result("devices", "telemetry.latest", args().put("device", device.name())));
            assertEquals(
                    JSON.readTree("{\"s\":{\"ts\":1000,\"value\":\"ok\"}}"),
                    api.result(
                                    "devices",
                                    "telemetry.latest",
                                    args().put("device", device.name())
                                            .set("keys", JSON.readTree("[\"s\",\"missing\"]")))
                            .get("values"));

            final List<String> points = new ArrayList<>();
            JsonNode page = api.result(
                    "devices",
                    "telemetry.history",
                    args().put("device", device.name()).put("limit", 2).set("keys", JSON.readTree("[\"t\"]")));
            while (true) {
                page.get("entries").forEach(entry -> points.add(entry.get("ts") + "=" + entry.get("value")));
                if (!page.has("cursor")) {
                    break;
                }
                page = api.result(
                        "devices",
                        "telemetry.history",
                        args().put("device", device.name())
                                .put("limit", 2)
                                .put("cursor", page.get("cursor").asText())
                                .set("keys", JSON.readTree("[\"t\"]")));
            }
            assertEquals(List.of("3000=21", "2000=20.5", "1000=20"), points);
            assertEquals(
                    1,
                    api.result(
                                    "devices",
                                    "telemetry.history",
                                    args().put("device", device.name())
                                            .put("from", 1500)
                                            .put("to", 3000)
                                            .set("keys", JSON.readTree("[\"t\"]")))
                            .get("entries")
                            .size());
            assertEquals(
                    "bad-request", api.errorCode("devices", "telemetry.history", args().put("device", device.name())));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "telemetry.history",
                            args().put("device", device.name())
                                    .put("from", 5)
                                    .put("to", 5)
                                    .set("keys", JSON.readTree("[\"t\"]"))));
            assertEquals(
                    "bad-request",
                    api.errorCode(
                            "devices",
                            "telemetry.history",
                            args().put("device", device.name())
                                    .put("cursor", "???")
                                    .set("keys", JSON.readTree("[\"t\"]"))));
        }
    }

    @Test
    void telemetryHistory_withAggAndInterval_answersOneEntryPerIntervalWithData() throws Exception {
        final Devices.Device device = devices.create("aggregated");
        qos1(
                devices.mqtt5(device),
                "[{\"ts\":1000,\"values\":{\"t\":20,\"s\":\"on\"}},"
                        + "{\"ts\":1500,\"values\":{\"t\":21.5}},{\"ts\":2500,\"values\":{\"t\":7}}]");
        try (var api = new ApiClient(devices.demoApp("aggregator"), "demo")) {
            assertEquals(
                    JSON.readTree("[{\"key\":\"t\",\"ts\":2500,\"value\":7.0},"
                            + "{\"key\":\"t\",\"ts\":1500,\"value\":20.75}]"),
                    api.result(
                                    "devices",
                                    "telemetry.history",
                                    args().put("device", device.name())
                                            .put("from", 1000)
                                            .put("to", 3000)
                                            .put("agg", "AVG")
                                            .put("interval", 1000)
                                            .set("keys", JSON.readTree("[\"t\"]")))
                            .get("entries"));
            assertEquals(
                    JSON.readTree(
                            "[{\"key\":\"s\",\"ts\":2000,\"value\":1}," + "{\"key\":\"t\",\"ts\":2000,\"value\":3}]"),
                    api.result(
                                    "devices",
                                    "telemetry.history",
                                    args().put("device", device.name())
                                            .put("from", 0)
                                            .put("to", 4000)
                                            .put("agg", "COUNT")
                                            .put("interval", 4000)
                                            .set("keys", JSON.readTree("[\"t\",\"s\"]")))
                            .get("entries"));
            for (final String bad : List.of(
                    "{\"agg\":\"MEDIAN\",\"interval\":10}",
                    "{\"agg\":\"AVG\"}",
                    "{\"agg\":\"AVG\",\"interval\":0}",
                    "{\"agg\":\"AVG\",\"interval\":1,\"to\":100000000}")) {
                final var args = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(bad);
                args.put("device", device.name()).set("keys", JSON.readTree("[\"t\"]"));
                assertEquals("bad-request", api.errorCode("devices", "telemetry.history", args), bad);
            }
        }
    }

    @Test
    void anotherAccountsApplication_seesNoneOfTheseDevices() throws Exception {
        final Devices.Device device = devices.create("private-data");
        qos1(devices.mqtt5(device), "{\"secret\":1}");
        try (var api = new ApiClient(devices.demoApp("admin"), "demo")) {
            final String secret = api.result("registry", "account.create", args().put("id", "devices-other"))
                    .get("appSecret")
                    .asText();
            final Mqtt5BlockingClient other = broker.mqtt5("devices-other/app");
            other.connectWith()
                    .simpleAuth()
                    .username("devices-other")
                    .password(secret.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            try (var otherApi = new ApiClient(other, "devices-other")) {
                for (final String op : List.of("telemetry.latest", "attributes.get")) {
                    assertEquals(
                            "not-found", otherApi.errorCode("devices", op, args().put("device", device.name())), op);
                }
                assertEquals(
                        "not-found",
                        otherApi.errorCode(
                                "devices",
                                "rpc.status",
                                args().put("device", device.name()).put("requestId", 0)));
                assertEquals(
                        "not-found",
                        otherApi.errorCode(
                                "devices",
                                "attributes.set",
                                args().put("device", device.name()).set("attributes", JSON.readTree("{\"x\":1}"))));
            }
        }
    }

    @Test
    void anUnknownOp_namesTheOps_andTheSchemaDescribesExactlyThem() throws Exception {
        final Set<String> described = new HashSet<>();
        try (var in = DeviceApiExtensionMain.class.getResourceAsStream("/api/devices.schema.json")) {
            JSON.readTree(in).get("ops").fieldNames().forEachRemaining(described::add);
        }
        try (var api = new ApiClient(devices.demoApp("schema"), "demo")) {
            final JsonNode misspelt = api.call(
                    "devices", "attributes.set", args().put("device", "x").put("attribute", "{}"));
            assertEquals("bad-request", misspelt.at("/error/code").asText());
            assertEquals(
                    true,
                    misspelt.at("/error/message")
                            .asText()
                            .startsWith("args.attribute is not an argument " + "of attributes.set"),
                    misspelt.toString());
            final JsonNode answer = api.call("devices", "no-such-op", args());
            assertEquals("unknown-op", answer.at("/error/code").asText());
            final String message = answer.at("/error/message").asText();
            assertEquals(
                    described,
                    Set.of(message.substring(message.indexOf(" has ") + 5).split(", ")));
        }
    }
}
