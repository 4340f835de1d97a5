package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.firmware.FirmwareExtensionMain;
import io.hiveiot.firmware.pkg.DeviceSideChecksum;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code firmware} service's ops as an application uses them, with their effect on connected devices. */
class FirmwareServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform().build();

    private final Fleet fleet = new Fleet(broker);
    private ApiClient api;

    @BeforeEach
    void connect() throws Exception {
        api = fleet.api("service");
    }

    @AfterEach
    void close() {
        api.close();
    }

    private static byte[] random(final int size, final long seed) {
        final byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void schema_describesExactlyTheOpsTheServiceHas() throws Exception {
        final Set<String> described = new HashSet<>();
        try (var in = FirmwareExtensionMain.class.getResourceAsStream("/api/firmware.schema.json")) {
            JSON.readTree(in).get("ops").fieldNames().forEachRemaining(described::add);
        }
        final String message = api.call("firmware", "no-such-op", ApiClient.args())
                .at("/error/message")
                .asText();
        assertEquals(
                described,
                Set.of(message.substring(message.indexOf(" has ") + 5).split(", ")));
        assertEquals("unknown-op", api.errorCode("firmware", "no-such-op", ApiClient.args()));
        final var misspelt = api.call(
                "firmware",
                "assign",
                ApiClient.args().put("device", "x").put("title", "t").put("verison", "1"));
        assertEquals("bad-request", misspelt.at("/error/code").asText());
        assertEquals(
                true,
                misspelt.at("/error/message").asText().startsWith("args.verison is not an argument of " + "assign"),
                misspelt.toString());
    }

    @Test
    void upload_inPieces_isAssembledAndVerified_andAWrongPieceOrChecksumIsRefused() throws Exception {
        final byte[] data = random(25_000, 3);
        final String checksum = DeviceSideChecksum.of("MURMUR3_128", data);
        final JsonNode first = api.result("firmware", "package.upload", piece(data, 0, 10_000, false));
        assertEquals(false, first.get("complete").asBoolean());
        assertEquals(10_000, first.get("received").asLong());
        assertEquals("conflict", api.errorCode("firmware", "package.upload", piece(data, 5_000, 15_000, false)));

        assertEquals(
                "bad-request",
                api.errorCode(
                        "firmware",
                        "package.upload",
                        piece(data, 10_000, 25_000, true).put("checksum", "00ff")));
        // the failed verification discarded the upload: it starts again at offset 0
        assertEquals(
                10_000,
                api.result("firmware", "package.upload", piece(data, 0, 10_000, false))
                        .get("received")
                        .asLong());
        api.result("firmware", "package.upload", piece(data, 10_000, 20_000, false));
        final JsonNode done = api.result(
                "firmware",
                "package.upload",
                piece(data, 20_000, 25_000, true)
                        .put("checksum", checksum.toUpperCase())
                        .put("size", 25_000));
        assertEquals(checksum, done.get("checksum").asText());
        assertEquals(25_000, done.get("size").asLong());
        assertEquals("MURMUR3_128", done.get("checksumAlgorithm").asText());

        assertEquals("conflict", api.errorCode("firmware", "package.upload", piece(data, 0, 25_000, true)));
        assertEquals(
                done,
                api.result(
                        "firmware",
                        "package.get",
                        ApiClient.args().put("title", "pieces").put("version", "1")));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode piece(
            final byte[] data, final int from, final int to, final boolean last) {
        return Fleet.upload("pieces", "1", "MURMUR3_128", Arrays.copyOfRange(data, from, to))
                .put("offset", from)
                .put("last", last);
    }

    @Test
    void upload_withBadArguments_isABadRequest() {
        assertEquals(
                "bad-request",
                api.errorCode("firmware", "package.upload", Fleet.upload("x", "1", "SHA1", new byte[] {1})));
        assertEquals(
                "bad-request",
                api.errorCode(
                        "firmware",
                        "package.upload",
                        Fleet.upload("x", "1", "SHA256", new byte[] {1}).put("data", "not base64!")));
        assertEquals(
                "bad-request",
                api.errorCode("firmware", "package.upload", Fleet.upload("x", "1", "SHA256", new byte[0])));
        assertEquals(
                "bad-request",
                api.errorCode(
                        "firmware",
                        "package.upload",
                        Fleet.upload("x", "1", "SHA256", new byte[] {1}).put("type", "BIOS")));
        assertEquals(
                "bad-request",
                api.errorCode("firmware", "package.upload", Fleet.upload("x\u0000", "1", "SHA256", new byte[] {1})));
    }

    @Test
    void list_pagesThroughTheAccountsPackages() {
        for (int i = 0; i < 3; i++) {
            api.result("firmware", "package.upload", Fleet.upload("listed", "v" + i, "MD5", random(10, i)));
        }
        final Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            final var args = ApiClient.args().put("limit", 2);
            if (cursor != null) {
                args.put("cursor", cursor);
            }
            final JsonNode page = api.result("firmware", "package.list", args);
            page.get("packages")
                    .forEach(p -> seen.add(
                            p.get("title").asText() + "/" + p.get("version").asText()));
            cursor = page.path("cursor").isTextual() ? page.get("cursor").asText() : null;
        } while (cursor != null);
        assertTrue(seen.containsAll(List.of("listed/v0", "listed/v1", "listed/v2")), seen.toString());
    }

    @Test
    void delete_isRefusedWhileAssigned_andUnassign_pushesDeletedKeys() throws Exception {
        api.result("firmware", "package.upload", Fleet.upload("del", "1", "SHA256", random(100, 9)));
        final Fleet.Device device = Fleet.create(api, "del");
        try (Link link = fleet.connect(device, true)) {
            final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
            api.result("firmware", "assign", Fleet.assign(device, "del", "1"));
            example.awaitPush();
            assertEquals(
                    "conflict",
                    api.errorCode(
                            "firmware",
                            "package.delete",
                            ApiClient.args().put("title", "del").put("version", "1")));

            final JsonNode unassigned =
                    api.result("firmware", "unassign", ApiClient.args().put("device", device.name()));
            assertEquals(device.id(), unassigned.get("deviceId").asText());
            assertEquals(
                    "{\"deleted\":[\"fw_title\",\"fw_version\",\"fw_size\",\"fw_checksum_algorithm\","
                            + "\"fw_checksum\"]}",
                    example.awaitPush().toString());
            assertEquals(0, example.requestFirmwareInfo(3).size());
            assertEquals(
                    "not-found",
                    api.errorCode("firmware", "unassign", ApiClient.args().put("device", device.name())));

            assertTrue(api.result(
                            "firmware",
                            "package.delete",
                            ApiClient.args().put("title", "del").put("version", "1"))
                    .get("deleted")
                    .asBoolean());
            assertEquals(
                    "not-found",
                    api.errorCode(
                            "firmware",
                            "package.get",
                            ApiClient.args().put("title", "del").put("version", "1")));
        }
    }

    @Test
    void assignment_madeWhileOffline_isInTheFirstAttributeRequestAfterConnect() throws Exception {
        api.result("firmware", "package.upload", Fleet.upload("offline", "2", "SHA512", random(500, 4)));
        final Fleet.Device device = Fleet.create(api, "offline");
        api.result("firmware", "assign", Fleet.assign(device, "offline", "2"));
        try (Link link = fleet.connect(device, false)) {
            final JsonNode info =
                    new ExampleDevice(link).subscribeAsTheExampleDoes().requestFirmwareInfo(1);
            assertEquals("offline", info.get("fw_title").asText());
            assertEquals("SHA512", info.get("fw_checksum_algorithm").asText());
        }
    }

    @Test
    void assignment_reachesTheNewConnection_afterItTookTheSessionOver() throws Exception {
        api.result("firmware", "package.upload", Fleet.upload("takeover", "1", "SHA256", random(10, 7)));
        final Fleet.Device device = Fleet.create(api, "takeover");
        try (Link old = fleet.connect(device, true);
                Link current = fleet.connect(device, true)) {
            // Token devices run under one broker client ID: the second connection takes the first one over, and the
            // first one's disconnect must leave the second registered.
            assertTrue(Await.until(() -> !old.connected(), gone -> gone));
            final var example = new ExampleDevice(current).subscribeAsTheExampleDoes();
            api.result("firmware", "assign", Fleet.assign(device, "takeover", "1"));
            assertEquals("takeover", example.awaitPush().get("fw_title").asText());
            example.requestChunk("1", 0, "");
            assertEquals(10, example.awaitChunk("1", 0).length);
        }
    }

    @Test
    void assign_unknownDevice_orPackage_isNotFound() {
        final Fleet.Device device = Fleet.create(api, "unknown");
        assertEquals("not-found", api.errorCode("firmware", "assign", Fleet.assign(device, "nope", "1")));
        assertEquals(
                "not-found",
                api.errorCode(
                        "firmware", "assign", Fleet.assign(new Fleet.Device("x", "no-such-device", "t"), "nope", "1")));
        assertEquals(
                "bad-request",
                api.errorCode("firmware", "assign", ApiClient.args().put("title", "a")));
    }

    @Test
    void status_countsAssignedDevicesPerState_andShowsAFailedDevicesError() throws Exception {
        api.result("firmware", "package.upload", Fleet.upload("rollout", "1", "SHA256", random(64, 5)));
        final Fleet.Device failing = Fleet.create(api, "failing");
        final Fleet.Device waiting = Fleet.create(api, "waiting");
        api.result("firmware", "assign", Fleet.assign(failing, "rollout", "1"));
        api.result("firmware", "assign", Fleet.assign(waiting, "rollout", "1"));
        try (Link link = fleet.connect(failing, true)) {
            new ExampleDevice(link).report("{\"fw_state\":\"FAILED\",\"fw_error\":\"checksum mismatch\"}");
            final JsonNode counts = Await.until(
                    () -> api.result(
                            "firmware",
                            "status",
                            ApiClient.args().put("title", "rollout").put("version", "1")),
                    c -> c.at("/packages/0/states/FAILED").asInt() == 1);
            assertEquals(
                    "{\"FAILED\":1,\"INITIATED\":1}",
                    counts.at("/packages/0/states").toString());
            assertEquals(2, counts.at("/packages/0/assigned").asInt());
            final JsonNode status =
                    api.result("firmware", "status", ApiClient.args().put("device", failing.name()));
            assertEquals("checksum mismatch", status.at("/firmware/fw_error").asText());
            assertTrue(status.at("/software/assigned").isNull());
            final JsonNode all = api.result("firmware", "status", ApiClient.args());
            assertTrue(all.get("packages").toString().contains("\"title\":\"rollout\""), all.toString());
        }
    }

    @Test
    void software_isAssignedAndDownloadedWithSwKeysAndTopics() throws Exception {
        final byte[] data = random(5_000, 6);
        api.result(
                "firmware",
                "package.upload",
                Fleet.upload("app", "9", "CRC32", data).put("type", "SOFTWARE"));
        final Fleet.Device device = Fleet.create(api, "sw");
        try (Link link = fleet.connect(device, true)) {
            final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
            api.result("firmware", "assign", Fleet.assign(device, "app", "9").put("type", "SOFTWARE"));
            final JsonNode push = example.awaitPush();
            assertEquals("app", push.get("sw_title").asText());
            assertFalse(push.has("fw_title"));
            link.publish("v2/sw/request/1/chunk/1", "4096");
            assertArrayEquals(
                    Arrays.copyOfRange(data, 4096, 5000),
                    link.await("v2/sw/response/1/chunk/1").payload());
            example.report("{\"sw_state\":\"UPDATED\",\"current_sw_version\":\"9\"}");
            final JsonNode status = Await.until(
                    () -> api.result("firmware", "status", ApiClient.args().put("device", device.name())),
                    s -> s.at("/software/sw_state").isTextual());
            assertEquals("UPDATED", status.at("/software/sw_state").asText());
            assertEquals("9", status.at("/software/current_sw_version").asText());
        }
    }
}
