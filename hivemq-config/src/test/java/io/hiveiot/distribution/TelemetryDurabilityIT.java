package io.hiveiot.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acknowledged means committed, through a crash: devices stream QoS 1 telemetry with their own timestamps, several
 * publishes in flight each, into the packaged broker; the broker is killed with SIGKILL in the middle of the stream
 * and started again on the same data folder; every point whose PUBACK arrived must then be readable through the
 * {@code devices} service, with its value. Points in flight at the kill may or may not be there: none was
 * acknowledged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TelemetryDurabilityIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int DEVICES = 10;
    private static final int IN_FLIGHT = 4;
    private static final long BASE_TS = 1_767_225_600_000L;

    @TempDir
    Path temp;

    private int mqttPort;

    /** One device's stream: its next sequence number and the ones acknowledged with success. */
    private static final class Stream {
        final String name;
        final Mqtt5AsyncClient client;
        final AtomicLong next = new AtomicLong();
        final Set<Long> acknowledged = new ConcurrentSkipListSet<>();

        Stream(final String name, final Mqtt5AsyncClient client) {
            this.name = name;
            this.client = client;
        }
    }

    @Test
    void killedDuringAQos1Stream_keepsEveryAcknowledgedPoint() throws Exception {
        mqttPort = FreePort.next();
        final Path data = temp.resolve("data");
        final Properties firstRun;
        final List<Stream> streams = new ArrayList<>();
        final var streaming = new AtomicBoolean(true);
        try (BrokerProcess broker = start(data, "first")) {
            firstRun = new Properties();
            firstRun.load(new StringReader(Files.readString(data.resolve("hive-iot/first-run.txt"))));
            final Mqtt5BlockingClient app = application(firstRun, "demo/durability-setup");
            try (var api = new ApiClient(app, firstRun.getProperty("account"))) {
                for (int i = 0; i < DEVICES; i++) {
                    final var args = ApiClient.args().put("name", "durability-" + i);
                    args.putObject("credentials").put("type", "ACCESS_TOKEN").put("token", "durability-token-" + i);
                    api.result("registry", "device.create", args);
                }
            } finally {
                app.disconnect();
            }
            for (int i = 0; i < DEVICES; i++) {
                final Mqtt5BlockingClient device = client("durability-device-" + i);
                device.connectWith()
                        .simpleAuth()
                        .username("durability-token-" + i)
                        .applySimpleAuth()
                        .send();
                streams.add(new Stream("durability-" + i, device.toAsync()));
            }
            for (final Stream stream : streams) {
                for (int i = 0; i < IN_FLIGHT; i++) {
                    publishNext(stream, streaming);
                }
            }
            // kill in the middle of the stream, once every device has had points acknowledged
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (streams.stream().anyMatch(stream -> stream.acknowledged.size() < 200)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            broker.kill();
            streaming.set(false);
        }
        final long acknowledged =
                streams.stream().mapToLong(stream -> stream.acknowledged.size()).sum();
        assertTrue(acknowledged >= DEVICES * 200L, "too few points acknowledged before the kill: " + acknowledged);

        try (BrokerProcess restarted = start(data, "restarted")) {
            final Mqtt5BlockingClient app = application(firstRun, "demo/durability-check");
            try (var api = new ApiClient(app, firstRun.getProperty("account"))) {
                for (final Stream stream : streams) {
                    final Map<Long, Long> stored = history(api, stream);
                    final var missing = new TreeSet<Long>();
                    for (final long seq : stream.acknowledged) {
                        if (!Long.valueOf(seq).equals(stored.get(BASE_TS + seq))) {
                            missing.add(seq);
                        }
                    }
                    assertEquals(
                            Set.of(),
                            missing,
                            stream.name + ": acknowledged but not stored (of " + stream.acknowledged.size() + ")"
                                    + restarted.output());
                }
            } finally {
                app.disconnect();
            }
        }
    }

    private void publishNext(final Stream stream, final AtomicBoolean streaming) {
        if (!streaming.get()) {
            return;
        }
        final long seq = stream.next.getAndIncrement();
        final String payload = "{\"ts\":" + (BASE_TS + seq) + ",\"values\":{\"n\":" + seq + "}}";
        stream.client
                .publishWith()
                .topic("v1/devices/me/telemetry")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send()
                .whenComplete((result, failure) -> {
                    if (failure == null
                            && result.getError().isEmpty()
                            && result
                                    instanceof
                                    com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult.Mqtt5Qos1Result qos1
                            && qos1.getPubAck().getReasonCode() == Mqtt5PubAckReasonCode.SUCCESS) {
                        stream.acknowledged.add(seq);
                        publishNext(stream, streaming);
                    }
                });
    }

    /** The device's points of key {@code n}, ts → value, page by page. */
    private static Map<Long, Long> history(final ApiClient api, final Stream stream) {
        final var stored = new java.util.HashMap<Long, Long>();
        String cursor = null;
        do {
            final var args = ApiClient.args()
                    .put("device", stream.name)
                    .put("from", BASE_TS)
                    .put("to", BASE_TS + stream.next.get() + 1)
                    .put("limit", 10_000);
            args.putArray("keys").add("n");
            if (cursor != null) {
                args.put("cursor", cursor);
            }
            final JsonNode page = api.result("devices", "telemetry.history", args);
            page.path("entries")
                    .forEach(entry -> stored.put(
                            entry.path("ts").asLong(), entry.path("value").asLong()));
            cursor = page.path("cursor").isTextual() ? page.path("cursor").asText() : null;
        } while (cursor != null);
        return stored;
    }

    private BrokerProcess start(final Path data, final String run) throws IOException {
        final BrokerProcess broker = BrokerProcess.start(
                BrokerProcess.distribution().resolve("bin/hive-iot-broker"),
                temp,
                temp.resolve("output-" + run),
                Map.of(
                        "HIVE_IOT_MQTT_PORT", Integer.toString(mqttPort),
                        "HIVE_IOT_WS_PORT", Integer.toString(FreePort.next()),
                        "HIVEMQ_DATA_FOLDER", data.toString(),
                        "HIVEMQ_LOG_FOLDER", temp.resolve("log-" + run).toString()));
        // Listeners open only after every extension has started: the telemetry replay is done by then.
        broker.awaitListening(mqttPort, START_TIMEOUT);
        broker.awaitFile(data.resolve("hive-iot/first-run.txt"), START_TIMEOUT);
        return broker;
    }

    private Mqtt5BlockingClient application(final Properties firstRun, final String clientId) {
        final Mqtt5BlockingClient app = client(clientId);
        app.connectWith()
                .simpleAuth()
                .username(firstRun.getProperty("app-id"))
                .password(firstRun.getProperty("app-secret").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return app;
    }

    private Mqtt5BlockingClient client(final String clientId) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(BrokerProcess.LOOPBACK)
                .serverPort(mqttPort)
                .transportConfig()
                .mqttConnectTimeout(10, TimeUnit.SECONDS)
                .applyTransportConfig()
                .buildBlocking();
    }
}
