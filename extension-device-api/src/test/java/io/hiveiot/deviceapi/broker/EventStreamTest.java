package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.deviceapi.broker.TelemetryTest.qos1;
import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events of an account whose stream no client subscribed to are skipped (and counted), and a subscription made
 * before a restart by a persistent session still gets its events after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNSUBSCRIBED = "hive-iot.device-api.events.unsubscribed";

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().persistentSessions().build();

    private final Devices devices = new Devices(broker);

    @Test
    @Order(1)
    void anAccountsEvents_areSkippedUntilAnApplicationSubscribesToItsStream() throws Exception {
        final Account quiet = Account.create(devices, broker, "quiet");
        final Mqtt5BlockingClient device = devices.mqtt5(quiet.device("sensor"));
        final long before = unsubscribed();
        assertEquals(Mqtt5PubAckReasonCode.SUCCESS, qos1(device, "v1/devices/me/telemetry", "{\"t\":1}"));
        assertEquals(before + 1, unsubscribed());

        quiet.app()
                .subscribeWith()
                .topicFilter("users/quiet/devices/+/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var events = quiet.app().publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            qos1(device, "v1/devices/me/telemetry", "{\"t\":2}");
            final Mqtt5Publish event = events.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals(
                    2,
                    JSON.readTree(event.getPayloadAsBytes())
                            .at("/data/values/t")
                            .asInt());
        }
        assertEquals(before + 1, unsubscribed());
    }

    @Test
    @Order(2)
    void aPersistentSessionsSubscription_fromBeforeARestart_stillGetsTheEvents() throws Exception {
        final Devices.Device sensor = devices.create("kept");
        final Mqtt5BlockingClient keeper = broker.mqtt5("demo/keeper");
        connectKeeper(keeper, true);
        keeper.subscribeWith()
                .topicFilter("users/demo/devices")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        keeper.disconnect();
        final Account quiet = Account.create(devices, broker, "quiet-again");
        final Devices.Device quietSensor = quiet.device("sensor");
        quiet.app().disconnect();

        broker.restart();

        // The quiet account's subscription was not kept: once the subscription store has been read, its events
        // are skipped again. Only then does the demo account's event prove that the store was read.
        final Mqtt5BlockingClient quietDevice = devices.mqtt5(quietSensor);
        final long before = unsubscribed();
        Await.until(
                () -> {
                    qos1(quietDevice, "v1/devices/me/telemetry", "{\"q\":1}");
                    return unsubscribed();
                },
                skipped -> skipped > before);
        final long skipped = unsubscribed();
        qos1(devices.mqtt5(sensor), "v1/devices/me/telemetry", "{\"kept\":true}");
        assertEquals(skipped, unsubscribed());

        final Mqtt5BlockingClient back = broker.mqtt5("demo/keeper");
        try (var events = back.publishes(MqttGlobalPublishFilter.ALL)) {
            connectKeeper(back, false);
            // the account's stream also carries the sensor's connection events
            JsonNode event;
            do {
                event = JSON.readTree(
                        events.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes());
            } while (!event.get("event").asText().equals("telemetry"));
            assertEquals(sensor.name(), event.get("device").asText());
            assertEquals(true, event.at("/data/values/kept").asBoolean());
        }
    }

    private void connectKeeper(final Mqtt5BlockingClient keeper, final boolean cleanStart) throws Exception {
        keeper.connectWith()
                .cleanStart(cleanStart)
                .sessionExpiryInterval(600)
                .simpleAuth()
                .username("demo")
                .password(
                        Devices.firstRun(broker.dataFolder()).get("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
    }

    private static long unsubscribed() {
        return broker.metrics().counter(UNSUBSCRIBED).getCount();
    }

    /** An account of its own, created by the demo application, with its application connected. */
    private record Account(String id, Mqtt5BlockingClient app) {

        static Account create(final Devices devices, final HiveMqBroker broker, final String id) throws Exception {
            final String secret;
            try (var api = new ApiClient(devices.demoApp("accounts-" + id), "demo")) {
                secret = api.result("registry", "account.create", args().put("id", id))
                        .get("appSecret")
                        .asText();
            }
            final Mqtt5BlockingClient app = broker.mqtt5(id + "/app");
            app.connectWith()
                    .simpleAuth()
                    .username(id)
                    .password(secret.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            return new Account(id, app);
        }

        Devices.Device device(final String name) {
            try (var api = new ApiClient(app, id)) {
                final JsonNode created = api.result("registry", "device.create", args().put("name", name));
                return new Devices.Device(
                        created.get("id").asText(),
                        created.get("name").asText(),
                        created.get("credentials").get("token").asText());
            }
        }
    }
}
