package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gateway's sub-device is a device for firmware too: its assignment is pushed through the gateway in
 * ThingsBoard's envelope, its gateway's attribute requests carry its {@code fw_*} keys, and its rollout state comes
 * from the gateway's telemetry for it.
 */
class GatewaySubDeviceFirmwareTest {

    private static final String SHARED_KEYS = "{\"fw_title\":\"gw-fw\",\"fw_version\":\"1\",\"fw_size\":3,"
            + "\"fw_checksum_algorithm\":\"MD5\",\"fw_checksum\":\"5289df737df57326fcdd22597afb1fac\"}";

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform().build();

    private final Fleet fleet = new Fleet(broker);

    @Test
    void aSubDevicesAssignment_isPushedThroughItsGateway_answeredToItsRequests_andItsRolloutRead() throws Exception {
        try (ApiClient api = fleet.api("gw-fw")) {
            api.result("firmware", "package.upload", Fleet.upload("gw-fw", "1", "MD5", new byte[] {1, 2, 3}));
            final JsonNode created = api.result(
                    "registry",
                    "device.create",
                    ApiClient.args().put("name", "fw-gw").put("gateway", true));
            final Fleet.Device gateway = new Fleet.Device(
                    created.get("id").asText(),
                    "fw-gw",
                    created.at("/credentials/token").asText());
            try (Link link = fleet.connect(gateway, true)) {
                link.subscribe("v1/gateway/attributes");
                link.subscribe("v1/gateway/attributes/response");
                link.publish("v1/gateway/connect", "{\"device\":\"fw-sub\"}");
                final Fleet.Device sub = new Fleet.Device(null, "fw-sub", null);

                api.result("firmware", "assign", Fleet.assign(sub, "gw-fw", "1"));
                assertEquals(
                        "{\"device\":\"fw-sub\",\"data\":" + SHARED_KEYS + "}",
                        link.await("v1/gateway/attributes").text());

                link.publish(
                        "v1/gateway/attributes/request",
                        "{\"id\":3,\"device\":\"fw-sub\",\"client\":false,\"keys\":[\"fw_title\",\"fw_version\"]}");
                assertEquals(
                        "{\"id\":3,\"device\":\"fw-sub\",\"values\":{\"fw_title\":\"gw-fw\","
                                + "\"fw_version\":\"1\"}}",
                        link.await("v1/gateway/attributes/response").text());
                link.publish(
                        "v1/gateway/attributes/request",
                        "{\"id\":4,\"device\":\"fw-sub\",\"client\":false,\"key\":\"fw_size\"}");
                assertEquals(
                        "{\"id\":4,\"device\":\"fw-sub\",\"value\":3}",
                        link.await("v1/gateway/attributes/response").text());

                link.publish(
                        "v1/gateway/telemetry",
                        "{\"fw-sub\":[{\"fw_state\":\"UPDATED\",\"current_fw_version\":\"1\",\"t\":1}]}");
                final JsonNode status = Await.until(
                        () -> api.result("firmware", "status", ApiClient.args().put("device", "fw-sub")),
                        s -> s.at("/firmware/fw_state").asText().equals("UPDATED"));
                assertEquals("1", status.at("/firmware/current_fw_version").asText());
                assertEquals(
                        1,
                        api.result(
                                        "devices",
                                        "telemetry.latest",
                                        ApiClient.args().put("device", "fw-sub"))
                                .at("/values/t/value")
                                .asInt());

                api.result("firmware", "unassign", ApiClient.args().put("device", "fw-sub"));
                assertEquals(
                        "{\"device\":\"fw-sub\",\"data\":{\"deleted\":[\"fw_title\",\"fw_version\",\"fw_size\","
                                + "\"fw_checksum_algorithm\",\"fw_checksum\"]}}",
                        link.await("v1/gateway/attributes").text());

                // Disconnected, the sub-device is no longer reached through the gateway: the next message the
                // gateway gets is a push of its own.
                link.publish("v1/gateway/disconnect", "{\"device\":\"fw-sub\"}");
                link.subscribe("v1/devices/me/attributes");
                api.result("firmware", "assign", Fleet.assign(sub, "gw-fw", "1"));
                api.result(
                        "devices",
                        "attributes.set",
                        ApiClient.args()
                                .put("device", "fw-gw")
                                .set("attributes", ApiClient.args().put("marker", 1)));
                final Link.Message next = link.await(topic -> true);
                assertEquals("v1/devices/me/attributes {\"marker\":1}", next.topic() + " " + next.text());
            }
        }
    }
}
