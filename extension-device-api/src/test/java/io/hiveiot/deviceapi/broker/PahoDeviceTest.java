package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.testkit.ApiClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A device written with Eclipse Paho as ThingsBoard's own examples are: token as username, the device-API topics,
 * and a callback that answers server-side RPC.
 */
class PahoDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.withAuth().build();

    private final Devices devices = new Devices(broker);

    private record Message(String topic, String payload) {}

    @Test
    void aPahoDevice_sendsTelemetry_getsSharedAttributePushes_andAnswersRpc() throws Exception {
        final Devices.Device device = devices.create("paho");
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final MqttClient paho =
                new MqttClient("tcp://127.0.0.1:" + broker.port(), "paho-" + device.name(), new MemoryPersistence());
        final var options = new MqttConnectOptions();
        options.setUserName(device.token());
        options.setCleanSession(true);
        paho.connect(options);
        try (var api = new ApiClient(devices.demoApp("paho-app"), "demo")) {
            paho.subscribe(
                    "v1/devices/me/attributes",
                    1,
                    (topic, message) ->
                            received.add(new Message(topic, new String(message.getPayload(), StandardCharsets.UTF_8))));
            paho.subscribe("v1/devices/me/rpc/request/+", 1, (topic, message) -> {
                final String id = topic.substring(topic.lastIndexOf('/') + 1);
                final JsonNode request = JSON.readTree(message.getPayload());
                // MqttClient must not publish from its callback thread synchronously; a thread of its own does.
                new Thread(() -> {
                            try {
                                paho.publish(
                                        "v1/devices/me/rpc/response/" + id,
                                        new MqttMessage(("{\"echo\":" + request.get("params") + "}")
                                                .getBytes(StandardCharsets.UTF_8)));
                            } catch (final Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .start();
            });

            final var telemetry =
                    new MqttMessage("{\"temperature\":21.5,\"humidity\":40}".getBytes(StandardCharsets.UTF_8));
            telemetry.setQos(1);
            paho.publish("v1/devices/me/telemetry", telemetry);
            final JsonNode latest = api.result("devices", "telemetry.latest", args().put("device", device.name()));
            assertEquals(21.5, latest.at("/values/temperature/value").asDouble(), 0.0);
            assertEquals(40, latest.at("/values/humidity/value").asInt());

            api.result(
                    "devices",
                    "attributes.set",
                    args().put("device", device.name()).set("attributes", JSON.readTree("{\"targetTemperature\":22}")));
            assertEquals(
                    new Message("v1/devices/me/attributes", "{\"targetTemperature\":22}"),
                    received.poll(5, TimeUnit.SECONDS));

            final JsonNode answer = api.result(
                    "devices",
                    "rpc",
                    args().put("device", device.name())
                            .put("method", "echo")
                            .set("params", JSON.readTree("{\"a\":1}")));
            assertEquals(JSON.readTree("{\"echo\":{\"a\":1}}"), answer.get("response"));
        } finally {
            paho.disconnect();
            paho.close();
        }
    }
}
