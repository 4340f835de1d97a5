package io.hiveiot.auth;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ThingsBoard claiming: the device offers itself (or a gateway offers its sub-devices, which it may create up to its
 * limit of sub-devices, two here), an application of another account takes it.
 */
class ClaimTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig(
                    "hive-iot-auth",
                    "<hive-iot-auth><gateways><max-sub-devices>2</max-sub-devices></gateways></hive-iot-auth>")
            .build();

    private static ApiClient seller;
    private static ApiClient buyer;

    @BeforeAll
    static void connectApplications() throws Exception {
        // Applications live across the tests here, so they are made outside the per-test client tracking.
        final Mqtt5BlockingClient sellerApp = Mqtt5Client.builder()
                .identifier("demo/seller")
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        sellerApp
                .connectWith()
                .simpleAuth()
                .username("demo")
                .password(bytes(AuthDb.firstRun(broker.dataFolder()).get("app-secret")))
                .applySimpleAuth()
                .send();
        seller = new ApiClient(sellerApp, "demo");
        final String buyerSecret = seller.result("registry", "account.create", args().put("id", "buyer"))
                .get("appSecret")
                .asText();
        final Mqtt5BlockingClient buyerApp = Mqtt5Client.builder()
                .identifier("buyer")
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        buyerApp.connectWith()
                .simpleAuth()
                .username("buyer")
                .password(bytes(buyerSecret))
                .applySimpleAuth()
                .send();
        buyer = new ApiClient(buyerApp, "buyer");
    }

    @AfterAll
    static void closeApplications() {
        seller.close();
        buyer.close();
    }

    @Test
    void claim_withTheRightSecret_movesTheDeviceAndReconnectsIt() throws Exception {
        final String token = seller.result("registry", "device.create", args().put("name", "boxed"))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient device = connectDevice(token);
        device.publishWith()
                .topic("v1/devices/me/claim")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("{\"secretKey\":\"s3cret\",\"durationMs\":60000}"))
                .send();

        // the PUBACK came after the claim was stored
        assertEquals(
                "claim-failed",
                buyer.errorCode(
                        "registry", "claim", args().put("device", "boxed").put("secretKey", "wrong")));
        assertEquals(
                "claim-failed",
                seller.errorCode(
                        "registry", "claim", args().put("device", "boxed").put("secretKey", "s3cret")),
                "an account cannot claim its own device");
        assertEquals(
                "SUCCESS",
                buyer.result("registry", "claim", args().put("device", "boxed").put("secretKey", "s3cret"))
                        .get("status")
                        .asText());

        assertFalse(
                Await.until(() -> device.getState().isConnected(), connected -> !connected),
                "the claimed device is reconnected");
        assertEquals("not-found", seller.errorCode("registry", "device.get", args().put("device", "boxed")));
        assertEquals(
                "boxed",
                buyer.result("registry", "device.get", args().put("device", "boxed"))
                        .get("name")
                        .asText());
        connectDevice(token);
        assertEquals(
                true,
                Await.until(
                        () -> buyer.result("registry", "status", args().put("device", "boxed"))
                                .get("active")
                                .asBoolean(),
                        active -> active));
        assertEquals(
                "claim-failed",
                buyer.errorCode(
                        "registry", "claim", args().put("device", "boxed").put("secretKey", "s3cret")),
                "a claim is completed once");
    }

    @Test
    void claim_withEmptyPayload_meansNoSecret_fromMqtt311() throws Exception {
        final String token = seller.result("registry", "device.create", args().put("name", "no-secret"))
                .at("/credentials/token")
                .asText();
        final Mqtt3BlockingClient device = broker.mqtt3("any");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        device.publishWith()
                .topic("v1/devices/me/claim")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        assertEquals(
                "SUCCESS",
                buyer.result("registry", "claim", args().put("device", "no-secret"))
                        .get("status")
                        .asText());
    }

    @Test
    void claim_afterItsDuration_fails() throws Exception {
        final String token = seller.result("registry", "device.create", args().put("name", "short-lived"))
                .at("/credentials/token")
                .asText();
        connectDevice(token)
                .publishWith()
                .topic("v1/devices/me/claim")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("{\"secretKey\":\"k\",\"durationMs\":\"1\"}"))
                .send();
        Thread.sleep(300);
        assertEquals(
                "claim-failed",
                buyer.errorCode(
                        "registry", "claim", args().put("device", "short-lived").put("secretKey", "k")));
    }

    @Test
    void claim_withInvalidPayload_isAPayloadFormatError() throws Exception {
        final Mqtt5BlockingClient device =
                connectDevice(AuthDb.firstRun(broker.dataFolder()).get("device-token"));
        final var error = assertThrows(
                Mqtt5PubAckException.class,
                () -> device.publishWith()
                        .topic("v1/devices/me/claim")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{\"durationMs\":\"soon\"}"))
                        .send());
        assertEquals(
                Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                error.getMqttMessage().getReasonCode());
    }

    @Test
    void aGatewaysClaims_areStoredForEachSubDevice_upToItsLimitOfSubDevices() {
        final Mqtt5BlockingClient gateway = gateway("claiming-gw");
        assertEquals(
                Mqtt5PubAckReasonCode.SUCCESS,
                claim(gateway, "{\"sub-a\":{\"secretKey\":\"a-secret\",\"durationMs\":60000},\"sub-b\":{}}"));
        assertEquals(
                "claiming-gw",
                seller.result("registry", "device.get", args().put("device", "sub-a"))
                        .get("parentGateway")
                        .asText());

        assertEquals(
                "claim-failed",
                buyer.errorCode(
                        "registry", "claim", args().put("device", "sub-a").put("secretKey", "wrong")));
        assertEquals(
                "SUCCESS",
                buyer.result("registry", "claim", args().put("device", "sub-a").put("secretKey", "a-secret"))
                        .get("status")
                        .asText());
        assertEquals(
                "SUCCESS",
                buyer.result("registry", "claim", args().put("device", "sub-b"))
                        .get("status")
                        .asText());

        // Claimed devices left the account, not the gateway's count: a third name is beyond its limit of two.
        final long refused =
                broker.metrics().counter("hive-iot.auth.gateway.refused").getCount();
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, claim(gateway, "{\"sub-c\":{}}"));
        assertEquals("not-found", seller.errorCode("registry", "device.get", args().put("device", "sub-c")));
        assertEquals(
                refused + 1,
                broker.metrics().counter("hive-iot.auth.gateway.refused").getCount());
    }

    @Test
    void badGatewayClaims_areRefusedAsBadPayloads_andCreateNothing() {
        final Mqtt5BlockingClient gateway = gateway("bad-claim-gw");
        for (final String bad :
                new String[] {"[]", "{\"bad-sub\":\"secret\"}", "{\"bad-sub\":{\"durationMs\":\"x\"}}", "oops"}) {
            assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, claim(gateway, bad), bad);
        }
        assertEquals("not-found", seller.errorCode("registry", "device.get", args().put("device", "bad-sub")));
    }

    private static Mqtt5BlockingClient gateway(final String name) {
        final String token = seller.result(
                        "registry", "device.create", args().put("name", name).put("gateway", true))
                .at("/credentials/token")
                .asText();
        final Mqtt5BlockingClient client = broker.mqtt5("TbGw");
        client.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        return client;
    }

    private static Mqtt5PubAckReasonCode claim(final Mqtt5BlockingClient gateway, final String payload) {
        try {
            final Mqtt5PublishResult result = gateway.publishWith()
                    .topic("v1/gateway/claim")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes(payload))
                    .send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (final Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    private static Mqtt5BlockingClient connectDevice(final String token) {
        final Mqtt5BlockingClient device = broker.mqtt5("TbDev");
        device.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        return device;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
