package io.hiveiot.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.hiveiot.testkit.ApiClient.args;
import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device profiles and the gateway flag through the registry service, and what a device gets of them at CONNECT. */
class DeviceProfilesTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    private ApiClient api;

    @BeforeEach
    void connectApplication() throws Exception {
        final Map<String, String> firstRun = AuthDb.firstRun(broker.dataFolder());
        final Mqtt5BlockingClient app = broker.mqtt5("demo/profiles-app");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(firstRun.get("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        api = new ApiClient(app, "demo");
    }

    @AfterEach
    void closeApi() {
        api.close();
    }

    @Test
    void profiles_areCreatedListedUpdatedAndDeleted_andCarryProvisioning() {
        final JsonNode created = api.result(
                "registry",
                "profile.create",
                args().put("name", "meters")
                        .put("telemetryTopic", "meters/+/data")
                        .put("attributesSubscribeTopic", "meters/config")
                        .set("provisioning", args().put("key", "meters-key").put("secret", "meters-secret")));
        assertEquals("JSON", created.get("payloadType").asText());
        assertEquals("meters/+/data", created.get("telemetryTopic").asText());
        assertEquals("v1/devices/me/attributes", created.get("attributesTopic").asText());
        assertEquals("meters-secret", created.at("/provisioning/secret").asText());
        final JsonNode provisionProfiles =
                api.result("registry", "provision-profile.list", args()).get("profiles");
        assertTrue(provisionProfiles.toString().contains("meters-key"), provisionProfiles.toString());

        final JsonNode device = api.result(
                "registry", "device.create", args().put("name", "meter-1").put("profile", "meters"));
        assertEquals("meters", device.get("profile").asText());
        assertEquals(false, device.get("gateway").asBoolean());
        assertEquals("conflict", api.errorCode("registry", "profile.delete", args().put("name", "meters")));

        final JsonNode updated = api.result(
                "registry",
                "profile.update",
                args().put("name", "meters")
                        .put("payloadType", "PROTOBUF")
                        .put("telemetryProto", "syntax = \"proto3\"; message T { int32 a = 1; }")
                        .put("attributesProto", "syntax = \"proto3\"; message A { string b = 1; }"));
        assertEquals("PROTOBUF", updated.get("payloadType").asText());
        assertEquals("meters/+/data", updated.get("telemetryTopic").asText());
        final JsonNode listed =
                api.result("registry", "profile.list", args()).get("profiles").get(0);
        assertEquals(1, listed.get("devices").asInt());
        assertFalse(listed.at("/provisioning").has("secret"));

        final JsonNode moved = api.result(
                "registry",
                "device.update",
                args().put("device", "meter-1").putNull("profile").put("gateway", true));
        assertEquals("default", moved.get("profile").asText());
        assertTrue(moved.get("gateway").asBoolean());
        assertEquals(
                true,
                api.result("registry", "profile.delete", args().put("name", "meters"))
                        .get("deleted")
                        .asBoolean());
        assertFalse(api.result("registry", "provision-profile.list", args())
                .get("profiles")
                .toString()
                .contains("meters-key"));
    }

    @Test
    void badProfiles_areRefused() {
        for (final var bad : List.of(
                args().put("name", "default"),
                args().put("name", "p1").put("payloadType", "XML"),
                args().put("name", "p2").put("telemetryTopic", "users/demo/devices"),
                args().put("name", "p3").put("telemetryTopic", "a/#/b"),
                args().put("name", "p4").put("telemetryTopic", "#"),
                args().put("name", "p5").put("payloadType", "PROTOBUF"),
                args().put("name", "p6").put("telemetryTopic", "x/y").put("attributesTopic", "x/y"),
                args().put("name", "p7").put("telemetryProto", "x".repeat(10_001)))) {
            assertEquals("bad-request", api.errorCode("registry", "profile.create", bad), bad.toString());
        }
        assertEquals(
                "not-found",
                api.errorCode(
                        "registry", "device.create", args().put("name", "d").put("profile", "missing")));
    }

    @Test
    void aDeviceMaySubscribe_toItsProfilesFilter_andAGatewayToTheGatewayTopics() {
        api.result(
                "registry",
                "profile.create",
                args().put("name", "custom-sub").put("attributesSubscribeTopic", "custom/config/+"));
        final String plain = api.result(
                        "registry",
                        "device.create",
                        args().put("name", "plain-sub").put("profile", "custom-sub"))
                .at("/credentials/token")
                .asText();
        final String gateway = api.result(
                        "registry",
                        "device.create",
                        args().put("name", "gw-sub").put("gateway", true))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient device = broker.mqtt5("TbDev");
        device.connectWith().simpleAuth().username(plain).applySimpleAuth().send();
        assertEquals(0x01, subscribeCode(device, "custom/config/+"));
        assertEquals(0x87, subscribeCode(device, "v1/gateway/rpc"));
        final Mqtt5BlockingClient gw = broker.mqtt5("TbGw");
        gw.connectWith().simpleAuth().username(gateway).applySimpleAuth().send();
        for (final String filter :
                List.of("v1/gateway/rpc", "v1/gateway/attributes", "v1/gateway/attributes/response")) {
            assertEquals(0x01, subscribeCode(gw, filter), filter);
        }
        assertEquals(0x87, subscribeCode(gw, "custom/config/+"));
    }
}
