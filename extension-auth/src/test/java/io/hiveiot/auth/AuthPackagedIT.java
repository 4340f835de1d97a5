package io.hiveiot.auth;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.kit.api.DeviceAnnotation;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built zip, unpacked into the extensions folder and loaded through HiveMQ's own isolated class
 * loading, next to a second extension (the probe) that reads the identity extension-auth wrote, as
 * every later hive-iot extension will.
 */
class AuthPackagedIT {

    private static final Path ZIP =
            Path.of(System.getProperty("hive-iot.extension.zip", "target/hive-iot-auth-0.1.0-SNAPSHOT.zip"));

    /** What the probe saw of each publish: the broker-side client ID and the identity attributes. */
    record Seen(String brokerClientId, Optional<ClientIdentity> identity) {}

    private static final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    /** Every hive-iot.device user property on application requests the probe saw. */
    private static final BlockingQueue<List<String>> annotations = new LinkedBlockingQueue<>();

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .extensionZip(ZIP)
            .embeddedExtension("identity-probe", 10, home -> new IdentityProbe())
            .build();

    private static String token;

    @BeforeAll
    static void readFirstRun() throws Exception {
        token = AuthDb.firstRun(broker.dataFolder()).get("device-token");
    }

    @Test
    void zip_holdsTheExtensionFolderHiveMqExpects() {
        final Path folder = broker.extensionsFolder().resolve("hive-iot-auth");
        for (final String file : new String[] {
            "hivemq-extension.xml",
            "hive-iot-auth-0.1.0-SNAPSHOT.jar",
            "conf/config.xml",
            "conf/config.xsd",
            "README.md"
        }) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        assertTrue(
                broker.metrics().getMetrics().containsKey("hive-iot.auth.connects.accepted"),
                "the extension must have started from its zip");
    }

    @Test
    void identity_isVisibleToASecondExtension() throws Exception {
        seen.clear();
        final Mqtt5BlockingClient device = broker.mqtt5("TbDev");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        device.publishWith()
                .topic("accounts/demo/probe")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("x".getBytes(StandardCharsets.UTF_8))
                .send();

        final Seen publish = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(publish, "the probe saw no publish");
        final ClientIdentity identity = publish.identity().orElseThrow();
        assertEquals(Role.DEVICE, identity.role());
        assertEquals("demo", identity.account());
        assertEquals("demo-device", identity.deviceName());
        assertEquals("TbDev", identity.clientId(), "the client ID the device sent");
        assertTrue(identity.deviceId().matches("[0-9a-f-]{36}"), identity.deviceId());
        assertEquals("hive-iot:device:" + identity.deviceId(), publish.brokerClientId());
    }

    @Test
    void unknownToken_isRefusedByThePackagedExtension() {
        final var error = assertThrows(
                Mqtt3ConnAckException.class,
                () -> broker.mqtt3("x")
                        .connectWith()
                        .simpleAuth()
                        .username("wrong")
                        .applySimpleAuth()
                        .send());
        assertEquals(
                Mqtt3ConnAckReturnCode.NOT_AUTHORIZED, error.getMqttMessage().getReturnCode());
    }

    @Test
    void restart_keepsTheToken() throws Exception {
        broker.restart();
        final var connAck = broker.mqtt3("after-restart")
                .connectWith()
                .simpleAuth()
                .username(token)
                .applySimpleAuth()
                .send();
        assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, connAck.getReturnCode());
    }

    @Test
    void applicationRequest_namingADevice_isAnnotatedWithItsIdInTheRequestersAccount() throws Exception {
        final String secret = AuthDb.firstRun(broker.dataFolder()).get("app-secret");
        final String deviceId;
        final Mqtt5BlockingClient app = broker.mqtt5("demo/annotations");
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        try (var api = new ApiClient(app, "demo")) {
            deviceId = api.result("registry", "device.get", ApiClient.args().put("device", "demo-device"))
                    .get("id")
                    .asText();
            final String otherSecret = api.result(
                            "registry", "account.create", ApiClient.args().put("id", "other"))
                    .get("appSecret")
                    .asText();
            final Mqtt5BlockingClient otherApp = broker.mqtt5("other");
            otherApp.connectWith()
                    .simpleAuth()
                    .username("other")
                    .password(otherSecret.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            try (var otherApi = new ApiClient(otherApp, "other")) {
                otherApi.result("registry", "device.create", ApiClient.args().put("name", "only-there"));
            }
        }
        annotations.clear();

        // a forged annotation is replaced by the real one
        app.publishWith()
                .topic("users/demo/api/devices/request/a1")
                .qos(MqttQos.AT_LEAST_ONCE)
                .userProperties()
                .add(DeviceAnnotation.KEY, "{\"account\":\"demo\",\"deviceId\":\"forged\"}")
                .applyUserProperties()
                .payload("{\"op\":\"attributes.get\",\"args\":{\"device\":\"demo-device\"}}"
                        .getBytes(StandardCharsets.UTF_8))
                .send();
        final List<String> real = annotations.poll(5, TimeUnit.SECONDS);
        assertEquals(1, real.size(), real.toString());
        assertEquals(
                "{\"account\":\"demo\",\"device\":\"demo-device\",\"deviceId\":\"" + deviceId + "\"}", real.get(0));

        // another account's device is not found in this one
        app.publishWith()
                .topic("users/demo/api/devices/request/a2")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"op\":\"attributes.get\",\"args\":{\"device\":\"only-there\"}}"
                        .getBytes(StandardCharsets.UTF_8))
                .send();
        assertTrue(annotations.poll(5, TimeUnit.SECONDS).get(0).contains("\"deviceId\":null"));

        // MQTT 3.1.1 applications carry no user properties, yet their requests are annotated too
        final Mqtt3BlockingClient app3 = broker.mqtt3("demo/v3");
        app3.connectWith()
                .simpleAuth()
                .username("demo")
                .password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        app3.publishWith()
                .topic("users/demo/api/devices/request/a3")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"op\":\"rpc\",\"args\":{\"device\":\"demo-device\"}}".getBytes(StandardCharsets.UTF_8))
                .send();
        assertTrue(annotations.poll(5, TimeUnit.SECONDS).get(0).contains(deviceId));
    }

    /** A stand-in for a later hive-iot extension: reads identities in its publish interceptor. */
    static final class IdentityProbe implements ExtensionMain {

        @Override
        public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
            Services.initializerRegistry()
                    .setClientInitializer((initializerInput, clientContext) ->
                            clientContext.addPublishInboundInterceptor((publishInput, publishOutput) -> {
                                final var publish = publishInput.getPublishPacket();
                                if (publish.getTopic().startsWith("users/")) {
                                    annotations.add(publish.getUserProperties().getAllForName(DeviceAnnotation.KEY));
                                } else {
                                    seen.add(new Seen(
                                            publishInput.getClientInformation().getClientId(),
                                            ClientIdentity.readFrom(publishInput
                                                    .getConnectionInformation()
                                                    .getConnectionAttributeStore())));
                                }
                            }));
        }

        @Override
        public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {}
    }
}
