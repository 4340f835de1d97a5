package io.hiveiot.deviceapi.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.FirstRun;
import io.hiveiot.testkit.HiveMqBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Devices of the demo account, created through the registry service as the demo application would. */
final class Devices {

    private static final AtomicInteger NAMES = new AtomicInteger();

    record Device(String id, String name, String token) {}

    private final HiveMqBroker broker;

    Devices(final HiveMqBroker broker) {
        this.broker = broker;
    }

    static Map<String, String> firstRun(final Path brokerDataFolder) throws Exception {
        return FirstRun.read(brokerDataFolder);
    }

    /** A connected application client of the demo account. */
    Mqtt5BlockingClient demoApp(final String name) throws Exception {
        final Mqtt5BlockingClient app = broker.mqtt5("demo/" + name);
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(firstRun(broker.dataFolder()).get("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return app;
    }

    /** A new device with an access token. */
    Device create(final String prefix) throws Exception {
        return create(prefix, ApiClient.args());
    }

    /** A new gateway device (ThingsBoard's gateway flag) with an access token. */
    Device createGateway(final String prefix) throws Exception {
        return create(prefix, ApiClient.args().put("gateway", true));
    }

    /** A new device with an access token and what else {@code args} of {@code device.create} say. */
    Device create(final String prefix, final ObjectNode args) throws Exception {
        final Mqtt5BlockingClient app = demoApp("setup-" + NAMES.incrementAndGet());
        try (var api = new ApiClient(app, "demo")) {
            final JsonNode created =
                    api.result("registry", "device.create", args.put("name", prefix + "-" + NAMES.incrementAndGet()));
            return new Device(
                    created.get("id").asText(),
                    created.get("name").asText(),
                    created.get("credentials").get("token").asText());
        } finally {
            app.disconnect();
        }
    }

    /** The device connected over MQTT 5 with its token (the client ID it sends does not matter). */
    Mqtt5BlockingClient mqtt5(final Device device) {
        final Mqtt5BlockingClient client = broker.mqtt5("TbDev");
        client.connectWith()
                .simpleAuth()
                .username(device.token())
                .applySimpleAuth()
                .send();
        return client;
    }

    Mqtt3BlockingClient mqtt3(final Device device) {
        final Mqtt3BlockingClient client = broker.mqtt3("TbDev");
        client.connectWith()
                .simpleAuth()
                .username(device.token())
                .applySimpleAuth()
                .send();
        return client;
    }
}
