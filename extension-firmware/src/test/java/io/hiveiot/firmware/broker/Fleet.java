package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.FirstRun;
import io.hiveiot.testkit.HiveMqBroker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo account's side of a test: its application (made from {@code first-run.txt}), devices created through
 * the registry service as an application would, and packages uploaded through the firmware service.
 */
final class Fleet {

    private static final AtomicInteger NAMES = new AtomicInteger();

    record Device(String id, String name, String token) {}

    private final HiveMqBroker broker;

    Fleet(final HiveMqBroker broker) {
        this.broker = broker;
    }

    Map<String, String> firstRun() throws Exception {
        return FirstRun.read(broker.dataFolder());
    }

    /** A connected application client of the demo account. */
    Mqtt5BlockingClient app(final String name) throws Exception {
        return app("demo", firstRun().get("app-secret"), name);
    }

    Mqtt5BlockingClient app(final String account, final String secret, final String name) {
        final Mqtt5BlockingClient app = broker.mqtt5(account + "/" + name + "-" + NAMES.incrementAndGet());
        app.connectWith()
                .simpleAuth()
                .username(account)
                .password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return app;
    }

    ApiClient api(final String name) throws Exception {
        return new ApiClient(app(name), "demo");
    }

    /** A new device of the account {@code api} belongs to, with an access token. */
    static Device create(final ApiClient api, final String prefix) {
        final JsonNode created = api.result(
                "registry", "device.create", ApiClient.args().put("name", prefix + "-" + NAMES.incrementAndGet()));
        return new Device(
                created.get("id").asText(),
                created.get("name").asText(),
                created.get("credentials").get("token").asText());
    }

    /** The device connected with its token; the client ID it sends does not matter (ThingsBoard's "TbDev"). */
    Link connect(final Device device, final boolean mqtt5) {
        if (mqtt5) {
            final Mqtt5BlockingClient client = broker.mqtt5("TbDev");
            client.connectWith()
                    .simpleAuth()
                    .username(device.token())
                    .applySimpleAuth()
                    .send();
            return Link.of(client);
        }
        final Mqtt3BlockingClient client = broker.mqtt3("TbDev");
        client.connectWith()
                .simpleAuth()
                .username(device.token())
                .applySimpleAuth()
                .send();
        return Link.of(client);
    }

    static ObjectNode upload(final String title, final String version, final String algorithm, final byte[] data) {
        return ApiClient.args()
                .put("title", title)
                .put("version", version)
                .put("checksumAlgorithm", algorithm)
                .put("data", Base64.getEncoder().encodeToString(data));
    }

    static ObjectNode assign(final Device device, final String title, final String version) {
        return ApiClient.args().put("device", device.name()).put("title", title).put("version", version);
    }
}
