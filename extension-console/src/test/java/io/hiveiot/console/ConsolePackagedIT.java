package io.hiveiot.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.FirstRun;
import io.hiveiot.testkit.FreePort;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five built zips in one broker, loaded through HiveMQ's isolated class loaders: the console exports the
 * broker's registry (the other extensions' metrics included), reads their readiness gauges, and serves its page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePackagedIT {

    private static final int HTTP_PORT = FreePort.next();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .extensionZip(zip("hive-iot.auth.zip", "extension-auth", "hive-iot-auth"))
            .extensionZip(zip("hive-iot.device-api.zip", "extension-device-api", "hive-iot-device-api"))
            .extensionZip(zip("hive-iot.firmware.zip", "extension-firmware", "hive-iot-firmware"))
            .extensionZip(zip("hive-iot.tracking.zip", "extension-tracking", "hive-iot-tracking"))
            .extensionZip(
                    Path.of(System.getProperty("hive-iot.extension.zip", "target/hive-iot-console-0.1.0-SNAPSHOT.zip")))
            .extensionConfig(
                    "hive-iot-console",
                    "<hive-iot-console><http><port>" + HTTP_PORT
                            + "</port><bind-address>127.0.0.1</bind-address></http></hive-iot-console>")
            .build();

    private static Path zip(final String property, final String module, final String id) {
        return Path.of(System.getProperty(property, "../" + module + "/target/" + id + "-0.1.0-SNAPSHOT.zip"));
    }

    @Test
    @Order(1)
    void metrics_parsedByPrometheusParser_withHiveMqNames_andCountersThatMoveWhenADevicePublishes() throws Exception {
        final PrometheusText before = PrometheusText.parse(get("/metrics").body());
        assertTrue(before.familyCount() > 100, "every metric of the registry: " + before.familyCount());
        // HiveMQ's own metrics, named as HiveMQ's Prometheus extension names them (dots and dashes to underscores;
        // Dropwizard counters as gauges without a suffix, as its Dropwizard bridge exports them)
        assertEquals("gauge", before.type("com_hivemq_networking_connections_current"));
        assertEquals("gauge", before.type("hive_iot_device_api_telemetry_messages"));
        assertEquals(1.0, before.value("hive_iot_firmware_ready"));
        final double stored = before.value("hive_iot_device_api_telemetry_messages");

        final Map<String, String> firstRun = FirstRun.read(broker.dataFolder());
        final Mqtt5BlockingClient device = broker.mqtt5("metrics-device");
        device.connectWith()
                .simpleAuth()
                .username(firstRun.get("device-token"))
                .applySimpleAuth()
                .send();
        for (int i = 0; i < 3; i++) {
            device.publishWith()
                    .topic("v1/devices/me/telemetry")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"temperature\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        device.disconnect();
        final PrometheusText after = PrometheusText.parse(get("/metrics").body());
        assertEquals(
                stored + 3,
                after.value("hive_iot_device_api_telemetry_messages"),
                "three acknowledged telemetry messages");
        assertTrue(after.value("com_hivemq_messages_incoming_publish_count") >= 3);
    }

    @Test
    @Order(2)
    void health_isUp() throws Exception {
        final HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("UP", JSON.readTree(response.body()).get("status").asText());
    }

    @Test
    @Order(3)
    void ready_withEveryExtensionStartedAndItsDatabaseAnswering_is200() throws Exception {
        // each extension's first probe may wait for its writer to finish the start's own work
        final HttpResponse<String> response = Await.until(() -> get("/ready"), answer -> answer.statusCode() == 200);
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("UP", body.get("status").asText());
        final List<String> ids = body.get("extensions").findValuesAsText("id");
        assertEquals(List.of("hive-iot-auth", "hive-iot-device-api", "hive-iot-firmware", "hive-iot-tracking"), ids);
        body.get("extensions")
                .forEach(extension -> assertTrue(extension.get("ready").asBoolean(), body.toString()));
    }

    @Test
    @Order(4)
    void page_servedWithSecurityHeaders_andOnlyItsOwnFiles() throws Exception {
        final HttpResponse<String> page = get("/console/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\"></script>"));
        final String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        for (final String directive :
                new String[] {"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"}) {
            assertTrue(csp.contains(directive), csp);
        }
        assertEquals(
                "nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());

        final String etag = page.headers().firstValue("ETag").orElseThrow();
        assertEquals(
                304,
                HTTP.send(
                                request("/console/")
                                        .header("If-None-Match", etag)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        assertEquals(200, get("/console/vendor/paho-mqtt-min.js").statusCode());
        assertEquals(200, get("/console/vendor/uPlot.iife.min.js").statusCode());
        assertEquals(404, get("/console/../conf/config.xml").statusCode());
        assertEquals(404, get("/console/hivemq-extension.xml").statusCode());
        assertEquals(404, get("/nothing-here").statusCode());
        assertEquals("/console/", get("/").headers().firstValue("Location").orElseThrow());
        assertEquals(
                405,
                HTTP.send(
                                request("/metrics")
                                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());

        final JsonNode settings = JSON.readTree(get("/console/config.json").body());
        assertEquals(broker.port(), settings.get("mqttPort").asInt());
        assertTrue(settings.get("websocketUrls").isArray());
    }

    @Test
    @Order(5)
    void ready_withAnExtensionDisabled_is503AndNamesIt() throws Exception {
        final Path disabled =
                broker.extensionsFolder().resolve("hive-iot-tracking").resolve("DISABLED");
        Files.writeString(disabled, "");
        try {
            final HttpResponse<String> response =
                    Await.until(() -> get("/ready"), answer -> answer.statusCode() == 503);
            final JsonNode tracking =
                    JSON.readTree(response.body()).get("extensions").get(3);
            assertEquals("hive-iot-tracking", tracking.get("id").asText());
            assertFalse(tracking.get("ready").asBoolean());
            assertTrue(tracking.get("reason").asText().startsWith("disabled"), tracking.toString());
            // HiveMQ stops an extension whose folder gets a DISABLED file; its readiness gauge goes with it
            Await.until(() -> broker.metrics().getGauges().containsKey("hive-iot.tracking.ready"), present -> !present);
        } finally {
            Files.deleteIfExists(disabled);
        }
        Await.until(() -> get("/ready").statusCode(), status -> status == 200);
    }

    private static HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path));
    }
}
