package io.hiveiot.auth;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gateway's claims for its sub-devices on {@code v1/gateway/claim}, which this extension serves whole, and the
 * limit of sub-devices one gateway may create.
 */
class GatewayClaimsAndLimitTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig("hive-iot-auth",
                    "<hive-iot-auth><gateways><max-sub-devices>2</max-sub-devices></gateways></hive-iot-auth>")
            .build();

    private static ApiClient seller;
    private static ApiClient buyer;

    @BeforeAll
    static void connectApplications() throws Exception {
        final Mqtt5BlockingClient sellerApp = Mqtt5Client.builder()
                .identifier("demo/gw-seller").serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        sellerApp.connectWith().simpleAuth().username("demo")
                .password(bytes(AuthDb.firstRun(broker.dataFolder()).get("app-secret"))).applySimpleAuth().send();
        seller = new ApiClient(sellerApp, "demo");
        final String buyerSecret = seller.result("registry", "account.create", args().put("id", "gw-buyer"))
                .get("appSecret").asText();
        final Mqtt5BlockingClient buyerApp = Mqtt5Client.builder()
                .identifier("gw-buyer").serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        buyerApp.connectWith().simpleAuth().username("gw-buyer").password(bytes(buyerSecret)).applySimpleAuth()
                .send();
        buyer = new ApiClient(buyerApp, "gw-buyer");
    }

    @AfterAll
    static void closeApplications() {
        seller.close();
        buyer.close();
    }

    @Test
    void aGatewaysClaims_areStoredForEachSubDevice_upToItsLimitOfSubDevices() {
        final Mqtt5BlockingClient gateway = gateway("claiming-gw");
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, claim(gateway,
                "{\"sub-a\":{\"secretKey\":\"a-secret\",\"durationMs\":60000},\"sub-b\":{}}"));
        assertEquals("claiming-gw", seller.result("registry", "device.get", args().put("device", "sub-a"))
                .get("parentGateway").asText());

        assertEquals("claim-failed", buyer.errorCode("registry", "claim",
                args().put("device", "sub-a").put("secretKey", "wrong")));
        assertEquals("SUCCESS", buyer.result("registry", "claim",
                args().put("device", "sub-a").put("secretKey", "a-secret")).get("status").asText());
        assertEquals("SUCCESS", buyer.result("registry", "claim", args().put("device", "sub-b"))
                .get("status").asText());

        // Claimed devices left the account, not the gateway's count: a third name is beyond its limit of two.
        assertEquals(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, claim(gateway, "{\"sub-c\":{}}"));
        assertEquals("not-found", seller.errorCode("registry", "device.get", args().put("device", "sub-c")));
        assertEquals(1, broker.metrics().counter("hive-iot.auth.gateway.refused").getCount());
    }

    @Test
    void badGatewayClaims_areRefusedAsBadPayloads_andCreateNothing() {
        final Mqtt5BlockingClient gateway = gateway("bad-claim-gw");
        for (final String bad : new String[]{"[]", "{\"bad-sub\":\"secret\"}", "{\"bad-sub\":{\"durationMs\":\"x\"}}",
                "oops"}) {
            assertEquals(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, claim(gateway, bad), bad);
        }
        assertEquals("not-found", seller.errorCode("registry", "device.get", args().put("device", "bad-sub")));
    }

    private static Mqtt5BlockingClient gateway(final String name) {
        final String token = seller.result("registry", "device.create", args().put("name", name)
                .put("gateway", true)).at("/credentials/token").asText();
        final Mqtt5BlockingClient client = broker.mqtt5("TbGw");
        client.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        return client;
    }

    private static Mqtt5PubAckReasonCode claim(final Mqtt5BlockingClient gateway, final String payload) {
        try {
            final Mqtt5PublishResult result = gateway.publishWith().topic("v1/gateway/claim")
                    .qos(MqttQos.AT_LEAST_ONCE).payload(bytes(payload)).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (final Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
