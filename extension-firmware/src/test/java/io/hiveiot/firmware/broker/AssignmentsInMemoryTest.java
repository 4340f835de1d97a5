package io.hiveiot.firmware.broker;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.firmware.FirmwareExtensionMain;
import io.hiveiot.firmware.assign.AssignmentChanges;
import io.hiveiot.firmware.assign.AssignmentMirror;
import io.hiveiot.firmware.assign.AssignmentStore;
import io.hiveiot.firmware.assign.DeviceSessions;
import io.hiveiot.firmware.assign.GatewaySubDevices;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.InstallationDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.Await;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A device's assignments come from memory: read whole when the extension starts, kept current by the changes made
 * through this broker and, on PostgreSQL, by those another broker node of the database makes; a CONNECT reads none
 * ({@code assignments.reads} does not move while devices connect).
 */
class AssignmentsInMemoryTest {

    private static final int PACKAGE_BYTES = 300;

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform().build();

    private static long reads() {
        return broker.metrics().counter("hive-iot.firmware.assignments.reads").getCount();
    }

    @Test
    void assignment_madeBeforeTheStart_reachesTheDeviceAtConnect_withoutAnAssignmentReadPerConnect() throws Exception {
        final Fleet fleet = new Fleet(broker);
        final Fleet.Device assigned;
        final Fleet.Device bare;
        try (ApiClient api = fleet.api("before-start")) {
            api.result("firmware", "package.upload", Fleet.upload("memory", "1", "SHA256", new byte[PACKAGE_BYTES]));
            assigned = Fleet.create(api, "memory-assigned");
            bare = Fleet.create(api, "memory-bare");
            api.result("firmware", "assign", Fleet.assign(assigned, "memory", "1"));
        }

        broker.restart();

        final long afterStart = reads();
        assertEquals(1, afterStart, "one read of the whole table at start");
        for (int round = 0; round < 5; round++) {
            try (Link link = fleet.connect(assigned, round % 2 == 0);
                    Link other = fleet.connect(bare, round % 2 == 1)) {
                final JsonNode keys =
                        new ExampleDevice(link).subscribeAsTheExampleDoes().requestFirmwareInfo(round);
                assertEquals("memory", keys.path("fw_title").asText());
                assertEquals("1", keys.path("fw_version").asText());
                assertEquals(PACKAGE_BYTES, keys.path("fw_size").asInt());
                assertEquals(
                        0,
                        new ExampleDevice(other)
                                .subscribeAsTheExampleDoes()
                                .requestFirmwareInfo(round)
                                .size());
            }
        }
        assertEquals(afterStart, reads(), "no assignment read per CONNECT");
        assertEquals(
                1,
                ((Number) broker.metrics()
                                .getGauges()
                                .get("hive-iot.firmware.assignments.devices")
                                .getValue())
                        .intValue());
    }

    @Test
    void assignAndUnassign_whileConnected_reachTheDevice_fromMemory() throws Exception {
        final Fleet fleet = new Fleet(broker);
        try (ApiClient api = fleet.api("while-connected")) {
            api.result("firmware", "package.upload", Fleet.upload("live", "1", "MD5", new byte[PACKAGE_BYTES]));
            final Fleet.Device device = Fleet.create(api, "live");
            final long before = reads();
            try (Link link = fleet.connect(device, true)) {
                final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
                assertEquals(0, example.requestFirmwareInfo(1).size());

                api.result("firmware", "assign", Fleet.assign(device, "live", "1"));
                assertEquals("live", example.awaitPush().path("fw_title").asText());
                assertEquals(
                        "live", example.requestFirmwareInfo(2).path("fw_title").asText());
                example.requestChunk("7", 0, "100");
                assertEquals(100, example.awaitChunk("7", 0).length);

                api.result("firmware", "unassign", ApiClient.args().put("device", device.name()));
                assertTrue(example.awaitPush().has("deleted"));
                assertEquals(0, example.requestFirmwareInfo(3).size());
            }
            try (Link again = fleet.connect(device, false)) {
                assertEquals(
                        0,
                        new ExampleDevice(again)
                                .subscribeAsTheExampleDoes()
                                .requestFirmwareInfo(4)
                                .size());
            }
            assertEquals(before, reads(), "changes made through this node are applied without a read");
        }
    }

    /**
     * A second node of the same PostgreSQL schema, run in the test as the extension runs it (its own connections,
     * notifications and mirror): what it assigns reaches the device connected to the broker, what the broker assigns
     * reaches its mirror.
     */
    @Test
    void assignmentsOfAnotherNode_reachTheDeviceConnectedHere_andTheOtherWay() throws Exception {
        assumeTrue(broker.database("firmware").postgres(), "several nodes share a PostgreSQL database only");
        final Fleet fleet = new Fleet(broker);
        try (ApiClient api = fleet.api("two-nodes");
                Database database = Database.open(
                        "firmware",
                        DatabaseConfig.DEFAULTS.settings(
                                broker.dataFolder(), "firmware", InstallationDatabase.fromEnvironment()),
                        FirmwareExtensionMain.class.getClassLoader());
                Notifications notifications = Notifications.open(database)) {
            api.result("firmware", "package.upload", Fleet.upload("nodes", "1", "SHA256", new byte[PACKAGE_BYTES]));
            api.result("firmware", "package.upload", Fleet.upload("nodes", "2", "SHA256", new byte[PACKAGE_BYTES]));
            final Fleet.Device device = Fleet.create(api, "nodes");
            final var store = new AssignmentStore(database, Clock.systemUTC());
            final var mirror = new AssignmentMirror(store, new Counter());
            final var sessions = new DeviceSessions(mirror, new GatewaySubDevices(mirror));
            final var otherNode = new AssignmentChanges(mirror, sessions, notifications);

            try (Link link = fleet.connect(device, true)) {
                final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
                final long before = reads();

                final PackageInfo info = store.assign(
                                "demo", device.id(), device.name(), PackageType.FIRMWARE, "nodes", "2")
                        .join();
                otherNode.assigned(device.id(), info).join();
                assertEquals("2", example.awaitPush().path("fw_version").asText());
                assertEquals(
                        "2", example.requestFirmwareInfo(1).path("fw_version").asText());
                assertTrue(reads() > before, "the change another node announced is read here");

                api.result("firmware", "assign", Fleet.assign(device, "nodes", "1"));
                assertEquals("1", example.awaitPush().path("fw_version").asText());
                Await.until(
                        () -> mirror.of(device.id()).get(PackageType.FIRMWARE).map(PackageInfo::version),
                        Optional.of("1")::equals);

                final PackageInfo previous =
                        store.unassign(device.id(), PackageType.FIRMWARE).join();
                otherNode.unassigned(device.id(), previous).join();
                assertTrue(example.awaitPush().has("deleted"));
                assertEquals(0, example.requestFirmwareInfo(2).size());
            }
        }
    }
}
