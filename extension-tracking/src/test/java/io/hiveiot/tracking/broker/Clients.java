package io.hiveiot.tracking.broker;

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

/**
 * The identities a test needs, made as an operator would: the demo account's application (from first-run),
 * registry devices with access tokens, tracking devices through the tracking service, and a second account.
 */
final class Clients {

    private static final AtomicInteger IDS = new AtomicInteger();

    /** A registry device: what a tracker or a foxtrackr device connects as. */
    record Device(String name, String token) {}

    /** An account's application login. */
    record App(String account, String secret) {}

    /** A tracking device of the tracking service, with its key. */
    record Tracker(String uid, String key) {}

    private final HiveMqBroker broker;

    Clients(final HiveMqBroker broker) {
        this.broker = broker;
    }

    static Map<String, String> firstRun(final Path brokerDataFolder) throws Exception {
        return FirstRun.read(brokerDataFolder);
    }

    App demo() throws Exception {
        return new App("demo", firstRun(broker.dataFolder()).get("app-secret"));
    }

    /** A connected application client. */
    Mqtt5BlockingClient app(final App app) {
        final Mqtt5BlockingClient client = broker.mqtt5(app.account() + "/app-" + IDS.incrementAndGet());
        client.connectWith()
                .simpleAuth()
                .username(app.account())
                .password(app.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }

    /** The result of one service op of {@code app}'s account, which must succeed. */
    JsonNode result(final App app, final String service, final String op, final ObjectNode args) {
        final Mqtt5BlockingClient client = app(app);
        try (var api = new ApiClient(client, app.account())) {
            return api.result(service, op, args);
        } finally {
            client.disconnect();
        }
    }

    /** The whole answer of one op, success or error. */
    JsonNode call(final App app, final String service, final String op, final ObjectNode args) {
        final Mqtt5BlockingClient client = app(app);
        try (var api = new ApiClient(client, app.account())) {
            return api.call(service, op, args);
        } finally {
            client.disconnect();
        }
    }

    /** A second account, made by the demo account (an administrative one). */
    App newAccount(final String prefix) throws Exception {
        final JsonNode created = result(
                demo(), "registry", "account.create", ApiClient.args().put("id", prefix + "-" + IDS.incrementAndGet()));
        return new App(created.get("appId").asText(), created.get("appSecret").asText());
    }

    Device device(final App app, final String name) {
        final JsonNode created =
                result(app, "registry", "device.create", ApiClient.args().put("name", name));
        return new Device(
                created.get("name").asText(),
                created.get("credentials").get("token").asText());
    }

    Device device(final App app) {
        return device(app, "dev-" + IDS.incrementAndGet());
    }

    /** A tracking device; {@code args} as for device.create. */
    Tracker tracker(final App app, final ObjectNode args) {
        final JsonNode created = result(app, "tracking", "device.create", args);
        return new Tracker(created.get("uid").asText(), created.get("key").asText());
    }

    Tracker tracker(final App app) {
        return tracker(app, ApiClient.args());
    }

    JsonNode trackerState(final App app, final String uid) {
        return result(app, "tracking", "device.get", ApiClient.args().put("uid", uid));
    }

    Mqtt5BlockingClient mqtt5(final Device device) {
        final Mqtt5BlockingClient client = broker.mqtt5("tracker-" + IDS.incrementAndGet());
        client.connectWith()
                .simpleAuth()
                .username(device.token())
                .applySimpleAuth()
                .send();
        return client;
    }

    Mqtt3BlockingClient mqtt3(final Device device) {
        final Mqtt3BlockingClient client = broker.mqtt3("tracker-" + IDS.incrementAndGet());
        client.connectWith()
                .simpleAuth()
                .username(device.token())
                .applySimpleAuth()
                .send();
        return client;
    }
}
