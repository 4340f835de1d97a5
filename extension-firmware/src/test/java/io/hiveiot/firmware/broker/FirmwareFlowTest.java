package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hiveiot.firmware.pkg.ChecksumAlgorithm;
import io.hiveiot.firmware.pkg.DeviceSideChecksum;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole update of a ThingsBoard device, for every checksum algorithm over MQTT 3.1.1 and 5: upload, assignment
 * push, attribute request, download by chunks, checksum check on the device, fw_state reports up to UPDATED, the
 * rollout status, and the firmware events on the account's stream.
 */
class FirmwareFlowTest {

    private static final String[] STATES = {"DOWNLOADING", "DOWNLOADED", "VERIFIED", "UPDATING", "UPDATED"};

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform().build();

    private static Fleet fleet;
    private static ApiClient api;

    @BeforeAll
    static void connectApp() throws Exception {
        fleet = new Fleet(broker);
        // Kept across tests (the broker's client list is emptied after each): the application of the flows.
        final Mqtt5BlockingClient app = com.hivemq.client.mqtt.mqtt5.Mqtt5Client.builder()
                .identifier("demo/flows")
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        app.connectWith()
                .simpleAuth()
                .username("demo")
                .password(fleet.firstRun().get("app-secret").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        api = new ApiClient(app, "demo");
    }

    @AfterAll
    static void closeApp() {
        api.close();
    }

    static Stream<Arguments> flows() {
        final var flows = new ArrayList<Arguments>();
        final int[] chunkSizes = {1024, 4096, 333, 65536, 2048, 100, 8192};
        for (final ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            for (final boolean mqtt5 : new boolean[] {false, true}) {
                flows.add(Arguments.of(algorithm.name(), mqtt5, chunkSizes[algorithm.ordinal()]));
            }
        }
        return flows.stream();
    }

    @ParameterizedTest(name = "{0} over MQTT {1}, chunks of {2}")
    @MethodSource("flows")
    void update_ofAThingsBoardDevice_endsUpdated_withTheChecksumVerifiedOnTheDevice(
            final String algorithm, final boolean mqtt5, final int chunkSize) throws Exception {
        final String title = "fw-" + algorithm.toLowerCase();
        final String version = (mqtt5 ? "5." : "3.") + chunkSize;
        final byte[] firmware = new byte[20_000 + chunkSize / 3];
        new Random(algorithm.hashCode()).nextBytes(firmware);
        final JsonNode uploaded = api.result(
                "firmware",
                "package.upload",
                Fleet.upload(title, version, algorithm, firmware).put("tag", "t-" + version));
        assertEquals(
                DeviceSideChecksum.of(algorithm, firmware),
                uploaded.get("checksum").asText());

        final Fleet.Device device = Fleet.create(api, "flow");
        final Mqtt5BlockingClient stream = fleet.app("stream");
        stream.subscribeWith()
                .topicFilter("users/demo/devices/" + device.name() + "/firmware")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (Link link = fleet.connect(device, mqtt5);
                var events = stream.publishes(MqttGlobalPublishFilter.ALL)) {
            final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();

            api.result("firmware", "assign", Fleet.assign(device, title, version));
            final JsonNode push = example.awaitPush();
            assertEquals(title, push.get("fw_title").asText());
            assertEquals(version, push.get("fw_version").asText());
            assertEquals("t-" + version, push.get("fw_tag").asText());
            assertEquals(firmware.length, push.get("fw_size").asLong());
            assertEquals(algorithm, push.get("fw_checksum_algorithm").asText());
            assertEquals(
                    List.of("fw_title", "fw_version", "fw_tag", "fw_size", "fw_checksum_algorithm", "fw_checksum"),
                    fieldNames(push));
            assertEquals(
                    "INITIATED",
                    json(events.receive(10, TimeUnit.SECONDS).orElseThrow())
                            .at("/data/fw_state")
                            .asText());

            final JsonNode info = example.requestFirmwareInfo(1);
            assertEquals(push.get("fw_checksum"), info.get("fw_checksum"));
            assertEquals(firmware.length, info.get("fw_size").asLong());
            assertFalse(info.has("fw_tag"), "only the requested keys: " + info);

            example.report("{\"current_fw_title\":\"old\",\"current_fw_version\":\"0\",\"fw_state\":\"DOWNLOADING\"}");
            final byte[] downloaded =
                    example.download("7", chunkSize, info.get("fw_size").asLong(), 0, new ByteArrayOutputStream());
            assertArrayEquals(firmware, downloaded);
            assertEquals(info.get("fw_checksum").asText(), DeviceSideChecksum.of(algorithm, downloaded));
            for (int i = 1; i < STATES.length; i++) {
                example.report("{\"fw_state\":\"" + STATES[i] + "\"}");
            }
            example.report("[{\"ts\":" + System.currentTimeMillis() + ",\"values\":{\"current_fw_title\":\"" + title
                    + "\",\"current_fw_version\":\"" + version + "\"}}]");

            final JsonNode status = Await.until(
                    () -> api.result("firmware", "status", ApiClient.args().put("device", device.name())),
                    s -> version.equals(s.at("/firmware/current_fw_version").asText()));
            assertEquals("UPDATED", status.at("/firmware/fw_state").asText(), status.toString());
            assertTrue(status.at("/firmware/fw_error").isNull());
            assertEquals(version, status.at("/firmware/assigned/version").asText());
            final JsonNode counts = api.result(
                    "firmware", "status", ApiClient.args().put("title", title).put("version", version));
            assertEquals(1, counts.at("/packages/0/states/UPDATED").asInt(), counts.toString());

            final var states = new ArrayList<String>();
            for (int i = 0; i < STATES.length; i++) {
                states.add(json(events.receive(10, TimeUnit.SECONDS).orElseThrow())
                        .at("/data/fw_state")
                        .asText());
            }
            assertEquals(Arrays.asList(STATES), states);
            assertTrue(link.connected());
        }
    }

    private static List<String> fieldNames(final JsonNode node) {
        final var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(final Mqtt5Publish publish) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(publish.getPayloadAsBytes());
    }
}
