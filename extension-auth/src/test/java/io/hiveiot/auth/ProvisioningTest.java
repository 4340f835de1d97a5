package io.hiveiot.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.kit.secret.SaltedHash;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ThingsBoard device provisioning, both strategies, with real clients. */
class ProvisioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig("hive-iot-auth", """
                    <hive-iot-auth>
                        <provisioning>
                            <idle-timeout>PT3S</idle-timeout>
                            <sessions-per-minute>100</sessions-per-minute>
                            <profile>
                                <key>create-key</key>
                                <secret-hash>%s</secret-hash>
                                <strategy>ALLOW_CREATE_NEW_DEVICES</strategy>
                                <account>demo</account>
                            </profile>
                            <profile>
                                <key>pre-key</key>
                                <secret-hash>%s</secret-hash>
                                <strategy>CHECK_PRE_PROVISIONED_DEVICES</strategy>
                                <account>demo</account>
                            </profile>
                        </provisioning>
                    </hive-iot-auth>
                    """.formatted(
                            SaltedHash.hash("create-secret", 10_000), SaltedHash.hash("pre-secret", 10_000)))
            .build();

    @Test
    void mqtt311_createNewDevice_withAccessToken_thenTheSessionCloses() throws Exception {
        final Mqtt3BlockingClient client = broker.mqtt3("any-id");
        client.connectWith()
                .simpleAuth()
                .username("provision")
                .applySimpleAuth()
                .send();
        final JsonNode response;
        try (var publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter("/provision/response")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            client.publishWith()
                    .topic("/provision/request")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("{\"deviceName\":\"prov-1\",\"provisionDeviceKey\":\"create-key\","
                            + "\"provisionDeviceSecret\":\"create-secret\"}"))
                    .send();
            response = JSON.readTree(
                    publishes.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes());
        }
        assertEquals("SUCCESS", response.get("status").asText(), response.toString());
        assertEquals("ACCESS_TOKEN", response.get("credentialsType").asText());
        assertFalse(
                Await.until(() -> client.getState().isConnected(), connected -> !connected),
                "the provisioning session is closed after the answer");

        final String token = response.get("credentialsValue").asText();
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                broker.mqtt5("prov-1")
                        .connectWith()
                        .simpleAuth()
                        .username(token)
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
    }

    @Test
    void mqtt5_provisionAsClientId_basicCredentials_viaTheSeedsTopic_withoutSubscribing() throws Exception {
        final JsonNode response = provision5(
                        "/provision",
                        "{\"deviceName\":\"prov-basic\","
                                + "\"provisionDeviceKey\":\"create-key\",\"provisionDeviceSecret\":\"create-secret\","
                                + "\"credentialsType\":\"MQTT_BASIC\",\"clientId\":\"pb-client\",\"username\":\"pb-user\","
                                + "\"password\":\"pb-pass\"}")
                .orElseThrow();
        assertEquals("SUCCESS", response.get("status").asText(), response.toString());
        assertEquals("MQTT_BASIC", response.get("credentialsType").asText());
        assertEquals("pb-user", response.at("/credentialsValue/userName").asText());
        assertEquals("pb-client", response.at("/credentialsValue/clientId").asText());
        assertEquals(
                Mqtt5ConnAckReasonCode.SUCCESS,
                broker.mqtt5("pb-client")
                        .connectWith()
                        .simpleAuth()
                        .username("pb-user")
                        .password(bytes("pb-pass"))
                        .applySimpleAuth()
                        .send()
                        .getReasonCode());
    }

    @Test
    void existingName_isAFailure_andWrongSecretOrKey_notFound() throws Exception {
        new AuthDb(broker).addDevice("demo", "taken-name");
        assertEquals(
                "FAILURE",
                status(provision5("/provision/request", request("taken-name", "create-key", "create-secret"))));
        assertEquals("NOT_FOUND", status(provision5("/provision/request", request("n1", "create-key", "wrong"))));
        final JsonNode unknown = provision5("/provision/request", request("n2", "no-such-key", "x"))
                .orElseThrow();
        assertEquals("NOT_FOUND", unknown.get("status").asText());
        assertEquals("Provision data was not found!", unknown.get("errorMsg").asText());
    }

    @Test
    void checkPreProvisioned_onlyForExistingDevices_andOnlyOnce() throws Exception {
        new AuthDb(broker).addDevice("demo", "pre-made");
        assertEquals(
                "FAILURE", status(provision5("/provision/request", request("never-made", "pre-key", "pre-secret"))));
        assertEquals("SUCCESS", status(provision5("/provision/request", request("pre-made", "pre-key", "pre-secret"))));
        assertEquals(
                "FAILURE",
                status(provision5("/provision/request", request("pre-made", "pre-key", "pre-secret"))),
                "a device is provisioned once");
    }

    @Test
    void missingSecret_getsPubAck0x83AndDisconnect_withoutAnswer() throws Exception {
        final Mqtt5BlockingClient client = broker.mqtt5("provision");
        client.connect();
        final var received = new CopyOnWriteArrayList<Object>();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add);
        final var error = assertThrows(
                Mqtt5PubAckException.class,
                () -> client.publishWith()
                        .topic("/provision/request")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("{\"provisionDeviceKey\":\"create-key\"}"))
                        .send());
        assertEquals(
                Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                error.getMqttMessage().getReasonCode());
        assertFalse(Await.until(() -> client.getState().isConnected(), connected -> !connected));
        assertTrue(received.isEmpty(), "no answer to a request without secret");
    }

    @Test
    void provisioningSession_mayDoNothingElse_andTimesOut() throws Exception {
        final Mqtt5BlockingClient client = broker.mqtt5("provision");
        client.connect();
        final var subscribe = assertThrows(
                Mqtt5SubAckException.class,
                () -> client.subscribeWith().topicFilter("#").send());
        assertEquals(0x87, subscribe.getMqttMessage().getReasonCodes().get(0).getCode());
        assertTrue(client.getState().isConnected());
        assertFalse(
                Await.until(() -> client.getState().isConnected(), connected -> !connected),
                "an idle provisioning session is closed after its idle timeout");

        final Mqtt5BlockingClient other = broker.mqtt5("provision");
        other.connect();
        final var publish = assertThrows(
                Mqtt5PubAckException.class,
                () -> other.publishWith()
                        .topic("accounts/demo/x")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(bytes("1"))
                        .send());
        assertEquals(
                Mqtt5PubAckReasonCode.NOT_AUTHORIZED, publish.getMqttMessage().getReasonCode());
    }

    @Test
    void twoDevicesProvisioningAtOnce_doNotTakeEachOthersSessionOver() {
        final Mqtt5BlockingClient first = broker.mqtt5("provision");
        first.connect();
        final Mqtt5BlockingClient second = broker.mqtt5("provision");
        second.connect();
        assertTrue(first.getState().isConnected() && second.getState().isConnected());
    }

    private static String request(final String name, final String key, final String secret) {
        return "{\"deviceName\":\"" + name + "\",\"provisionDeviceKey\":\"" + key + "\",\"provisionDeviceSecret\":\""
                + secret + "\"}";
    }

    private static Optional<JsonNode> provision5(final String topic, final String request) throws Exception {
        final Mqtt5BlockingClient client = broker.mqtt5("provision");
        client.connect();
        try (var publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes(request))
                    .send();
            final var reply = publishes.receive(10, TimeUnit.SECONDS);
            if (reply.isEmpty()) {
                return Optional.empty();
            }
            assertEquals("/provision/response", reply.get().getTopic().toString());
            return Optional.of(JSON.readTree(reply.get().getPayloadAsBytes()));
        }
    }

    private static String status(final Optional<JsonNode> response) {
        return response.orElseThrow().get("status").asText();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
