package io.hiveiot.auth;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.hiveiot.testkit.Subscriptions.subscribeCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Roles from the config replace the built-in permissions, and a changed file applies without restart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolesAndReloadTest {

    private static final String PER_DEVICE = """
            <hive-iot-auth>
                <reload-interval>PT0.1S</reload-interval>
                <roles>
                    <role name="DEVICE">
                        <permission>
                            <topic-filter>accounts/${account}/${device}/#</topic-filter>
                        </permission>
                        <permission>
                            <topic-filter>home/${username}/#</topic-filter>
                            <activity>SUBSCRIBE</activity>
                        </permission>
                    </role>
                </roles>
            </hive-iot-auth>
            """;

    private static final String ACCOUNT_WIDE = """
            <hive-iot-auth>
                <reload-interval>PT0.1S</reload-interval>
                <roles>
                    <role name="DEVICE">
                        <permission>
                            <topic-filter>accounts/${account}/#</topic-filter>
                            <activity>SUBSCRIBE</activity>
                        </permission>
                    </role>
                </roles>
            </hive-iot-auth>
            """;

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig("hive-iot-auth", PER_DEVICE)
            .build();

    @Test
    @Order(1)
    void configuredRole_replacesTheBuiltInPermissions() throws Exception {
        final Mqtt5BlockingClient device = tokenDevice();
        assertEquals(0x01, subscribeCode(device, "accounts/demo/demo-device/#"));
        assertEquals(0x87, subscribeCode(device, "accounts/demo/#"));
        assertEquals(
                0x87, subscribeCode(device, "v1/devices/me/attributes"), "the built-in list is replaced, not extended");
    }

    @Test
    @Order(2)
    void extraPermissionsOfACredential_addToItsRole_onlyInsideTheAccountSpace() throws Exception {
        final Mqtt5BlockingClient app = broker.mqtt5("demo/extra");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(AuthDb.firstRun(broker.dataFolder()).get("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        try (var api = new ApiClient(app, "demo")) {
            final var credentials = ApiClient.args().put("type", "ACCESS_TOKEN");
            credentials
                    .putArray("permissions")
                    .addObject()
                    .put("topicFilter", "accounts/${account}/common/#")
                    .put("activity", "SUBSCRIBE");
            final var request = ApiClient.args().put("name", "with-extra");
            request.set("credentials", credentials);
            final String token = api.result("registry", "device.create", request)
                    .at("/credentials/token")
                    .asText();
            final Mqtt5BlockingClient device = broker.mqtt5("with-extra");
            device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
            assertEquals(0x01, subscribeCode(device, "accounts/demo/common/#"));
            assertEquals(0x87, subscribeCode(tokenDevice(), "accounts/demo/common/#"), "only that credential has it");

            credentials.putArray("permissions").addObject().put("topicFilter", "users/${account}/devices/#");
            assertEquals("bad-request", api.errorCode("registry", "device.create", request.put("name", "too-much")));
        }
    }

    @Test
    @Order(3)
    void usernamePlaceholder_appliesToBasicCredentials_neverToTokens() throws Exception {
        final var db = new AuthDb(broker);
        final AuthDb.Device device = db.addDevice("demo", "bobs-sensor");
        db.addBasicCredential(device.id(), "bob", "bob-pass", null, false);
        final Mqtt5BlockingClient basic = broker.mqtt5("bob-1");
        basic.connectWith()
                .simpleAuth()
                .username("bob")
                .password("bob-pass".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        assertEquals(0x01, subscribeCode(basic, "home/bob/#"));
        assertEquals(0x87, subscribeCode(tokenDevice(), "home/+/#"));
    }

    @Test
    @Order(4)
    void changedFile_appliesToNewConnections_andABrokenOneKeepsTheLastGood() throws Exception {
        broker.writeExtensionConfig("hive-iot-auth", ACCOUNT_WIDE);
        assertEquals(
                0x01,
                (int) Await.until(() -> subscribeCode(tokenDevice(), "accounts/demo/#"), code -> code == 1),
                "the new role applies without a restart");

        final long refused =
                broker.metrics().counter("hive-iot.auth.config.reload-failures").getCount();
        broker.writeExtensionConfig(
                "hive-iot-auth",
                "<hive-iot-auth><reload-interval>PT0.1S</reload-interval>"
                        + "<roles><role name=\"DEVICE\"><permission><topic-filter>x/${nonsense}</topic-filter></permission>"
                        + "</role></roles></hive-iot-auth>");
        assertEquals(
                refused + 1,
                Await.until(
                        () -> broker.metrics()
                                .counter("hive-iot.auth.config.reload-failures")
                                .getCount(),
                        count -> count > refused),
                "the broken file was read and refused");
        assertEquals(0x01, subscribeCode(tokenDevice(), "accounts/demo/#"), "a broken file changes nothing");
    }

    private static Mqtt5BlockingClient tokenDevice() throws Exception {
        final Mqtt5BlockingClient device = broker.mqtt5("TbDev");
        device.connectWith()
                .simpleAuth()
                .username(AuthDb.firstRun(broker.dataFolder()).get("device-token"))
                .applySimpleAuth()
                .send();
        return device;
    }
}
