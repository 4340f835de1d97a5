package io.hiveiot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.hiveiot.cli.Cli.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The firmware and tracking commands against all four extensions. */
class FirmwareAndTrackingCommandsTest {

    @RegisterExtension
    static final HiveMqBroker broker = FleetBroker.withRegistryAndDevices()
            .extensionZip(FleetBroker.zip("hive-iot.firmware.zip"))
            .extensionZip(FleetBroker.zip("hive-iot.tracking.zip"))
            .build();

    private final Cli cli = new Cli(broker);

    @Test
    void firmwareUpload_inChunksWithProgress_showsTheChecksumTheServiceComputed(@TempDir final Path folder)
            throws Exception {
        final byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        final Path file = folder.resolve("thermostat-2.1.bin");
        Files.write(file, bytes);
        final String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        final Cli.Result upload = cli.run(
                "firmware",
                "upload",
                file.toString(),
                "--title",
                "thermostat",
                "--version",
                "2.1",
                "--chunk-size",
                "65536",
                "--progress");
        assertEquals(0, upload.exitCode(), upload::toString);
        assertEquals("SHA256 " + sha256, field(upload.out(), "checksum"));
        assertTrue(upload.out().contains("(200000 bytes)"), upload::toString);
        assertTrue(
                upload.err().contains("\r[##############################] 100%  195.3 KiB / 195.3 KiB"),
                upload::toString);
        assertTrue(upload.err().contains("]  33%  64.0 KiB / 195.3 KiB\r["), "a step per chunk: " + upload);

        final Cli.Result crc = cli.run(
                "firmware",
                "upload",
                file.toString(),
                "--title",
                "thermostat",
                "--version",
                "2.1-crc",
                "--algorithm",
                "CRC32",
                "--json");
        assertEquals(0, crc.exitCode(), crc::toString);
        assertEquals(8, crc.json().path("checksum").asText().length(), crc::toString);

        final Cli.Result list = cli.run("firmware", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(
                list.out()
                        .lines()
                        .anyMatch(line -> line.matches(
                                "FIRMWARE\\s+thermostat\\s+2\\.1\\s+200000\\s+SHA256:" + sha256 + "\\s+.*Z")),
                list::toString);

        final Cli.Result get = cli.run("firmware", "get", "thermostat", "2.1", "--json");
        assertEquals(sha256, get.json().path("checksum").asText(), get::toString);

        final Cli.Result again =
                cli.run("firmware", "upload", file.toString(), "--title", "thermostat", "--version", "2.1");
        assertEquals(1, again.exitCode(), "a package version is uploaded once: " + again);
    }

    @Test
    void firmwareAssign_pushesTheFwKeys_statusFollowsTheRollout_unassignAndDelete(@TempDir final Path folder)
            throws Exception {
        final Path file = folder.resolve("pump-1.0.bin");
        Files.write(file, "pump firmware".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                0,
                cli.run("firmware", "upload", file.toString(), "--title", "pump", "--version", "1.0")
                        .exitCode());
        final String token = field(cli.run("devices", "create", "pump-1").out(), "token");
        final Mqtt3BlockingClient device = FleetBroker.mosquittoDevice(broker, token);
        device.subscribeWith()
                .topicFilter("v1/devices/me/attributes")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        try (var pushes = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            final Cli.Result assigned = cli.run("firmware", "assign", "pump-1", "pump", "1.0");
            assertEquals(0, assigned.exitCode(), assigned::toString);
            assertTrue(assigned.out().startsWith("assigned pump 1.0 to pump-1"), assigned::toString);
            final String pushed = new String(
                    pushes.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(), StandardCharsets.UTF_8);
            assertTrue(pushed.contains("\"fw_title\":\"pump\"") && pushed.contains("\"fw_version\":\"1.0\""), pushed);
        }

        final Cli.Result deviceStatus = cli.run("firmware", "status", "pump-1");
        assertEquals(0, deviceStatus.exitCode(), deviceStatus::toString);
        assertTrue(
                deviceStatus.out().lines().anyMatch(line -> line.startsWith("FIRMWARE  pump 1.0")),
                deviceStatus::toString);
        final Cli.Result packageStatus = cli.run("firmware", "status", "--title", "pump", "--version", "1.0", "--json");
        assertEquals(0, packageStatus.exitCode(), packageStatus::toString);
        assertEquals(1, packageStatus.json().at("/packages/0/assigned").asInt(), packageStatus::toString);
        final Cli.Result all = cli.run("firmware", "status");
        assertTrue(
                all.out().lines().anyMatch(line -> line.matches("FIRMWARE\\s+pump\\s+1\\.0\\s+1\\s+.*")),
                all::toString);

        final Cli.Result inUse = cli.run("firmware", "delete", "pump", "1.0");
        assertEquals(1, inUse.exitCode(), inUse::toString);
        assertTrue(inUse.err().contains("conflict"), inUse::toString);

        assertEquals(0, cli.run("firmware", "unassign", "pump-1").exitCode());
        final Cli.Result deleted = cli.run("firmware", "delete", "pump", "1.0");
        assertEquals(0, deleted.exitCode(), deleted::toString);
        final Cli.Result missing = cli.run("firmware", "get", "pump", "1.0");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("`hive-iot firmware list` lists them"), missing::toString);
    }

    @Test
    void trackingDevices_createPrintsTheKeyOnce_listGetUpdateRotate_andHistoryShowsUpdates() throws Exception {
        final Cli.Result created = cli.run(
                "tracking", "devices", "create", "--uid", "truck-12", "--name", "Truck 12", "--unit", "data1=km/h");
        assertEquals(0, created.exitCode(), created::toString);
        final String key = field(created.out(), "key");
        assertTrue(created.err().contains("shown only now"), created::toString);

        final String token = field(cli.run("devices", "create", "tracker-phone").out(), "token");
        final Mqtt3BlockingClient tracker = FleetBroker.mosquittoDevice(broker, token);
        tracker.publishWith()
                .topic("iotbind/tracking")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(("{\"uid\":\"truck-12\",\"key\":\"" + key + "\",\"longitude\":17.60,\"latitude\":44.53,"
                                + "\"data1\":80}")
                        .getBytes(StandardCharsets.UTF_8))
                .send();

        final Cli.Result list = cli.run("tracking", "devices", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(
                list.out()
                        .lines()
                        .anyMatch(line -> line.matches("truck-12\\s+Truck 12\\s+true\\s+\\S+Z\\s+17.60\\s+44.53")),
                list::toString);
        assertFalse(list.out().contains(key), "the key is never shown again");

        final Cli.Result history = cli.run("tracking", "history", "truck-12", "--since", "1h", "--json");
        assertEquals(0, history.exitCode(), history::toString);
        assertEquals(80, history.json().at("/positions/0/data1").asInt(), history::toString);

        final Cli.Result updated = cli.run("tracking", "devices", "update", "truck-12", "--name", "Truck twelve");
        assertEquals(0, updated.exitCode(), updated::toString);
        assertEquals("Truck twelve", field(updated.out(), "name"));
        final JsonNode device =
                cli.run("tracking", "devices", "get", "truck-12", "--json").json();
        assertEquals("km/h", device.at("/units/data1").asText(), device::toString);

        final Cli.Result rotated = cli.run("tracking", "devices", "rotate-key", "truck-12");
        assertEquals(0, rotated.exitCode(), rotated::toString);
        assertFalse(field(rotated.out(), "key").equals(key), rotated::toString);

        assertEquals(0, cli.run("tracking", "devices", "delete", "truck-12").exitCode());
        final Cli.Result gone = cli.run("tracking", "devices", "get", "truck-12");
        assertEquals(1, gone.exitCode(), gone::toString);
        assertTrue(gone.err().contains("hive-iot tracking devices list"), gone::toString);
    }

    @Test
    void trackingFamiliesAndGroups_createListAddRemoveDelete() {
        assertEquals(0, cli.run("tracking", "families", "create", "foxtrackr").exitCode());
        final Cli.Result created = cli.run("tracking", "groups", "create", "foxtrackr", "fleet-north", "12345");
        assertEquals(0, created.exitCode(), created::toString);
        assertEquals("12345", field(created.out(), "devices"));

        final Cli.Result added = cli.run("tracking", "groups", "add", "foxtrackr", "fleet-north", "12346");
        assertEquals("12345 12346", field(added.out(), "devices"), added::toString);
        final Cli.Result removed = cli.run("tracking", "groups", "remove", "foxtrackr", "fleet-north", "12345");
        assertEquals("12346", field(removed.out(), "devices"), removed::toString);

        final Cli.Result groups = cli.run("tracking", "groups", "list", "foxtrackr");
        assertTrue(groups.out().lines().anyMatch(line -> line.matches("fleet-north\\s+12346")), groups::toString);
        final Cli.Result families = cli.run("tracking", "families", "list");
        assertTrue(
                families.out().lines().anyMatch(line -> line.matches("foxtrackr\\s+service\\s+fleet-north")),
                families::toString);

        assertEquals(
                0,
                cli.run("tracking", "groups", "delete", "foxtrackr", "fleet-north")
                        .exitCode());
        assertEquals(0, cli.run("tracking", "families", "delete", "foxtrackr").exitCode());
        assertFalse(cli.run("tracking", "families", "list").out().contains("foxtrackr"));
    }
}
