package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.firmware.pkg.DeviceSideChecksum;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three built zips unpacked into the extensions folder and loaded through HiveMQ's isolated class loaders:
 * identity and request annotations cross class loaders, device-api merges this extension's connection annotation,
 * and this zip bundles its own Guava and SQLite.
 */
class FirmwarePackagedIT {

    private static final Path ZIP =
            Path.of(System.getProperty("hive-iot.extension.zip", "target/hive-iot-firmware-0.1.0-SNAPSHOT.zip"));

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .extensionZip(Brokers.authZip())
            .extensionZip(Brokers.deviceApiZip())
            .extensionZip(ZIP)
            .build();

    @Test
    void zip_holdsTheExtensionFolderHiveMqExpects() throws Exception {
        final Path folder = broker.extensionsFolder().resolve(Brokers.ID);
        for (final String file : new String[] {
            "hivemq-extension.xml",
            "hive-iot-firmware-0.1.0-SNAPSHOT.jar",
            "conf/config.xml",
            "conf/config.xsd",
            "README.md"
        }) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        assertTrue(
                broker.metrics().getMetrics().containsKey("hive-iot.firmware.chunks.served"),
                "the extension must have started from its zip");
        assertTrue(broker.database("firmware").exists());
    }

    @Test
    void update_acrossTheThreePackagedExtensions() throws Exception {
        final Fleet fleet = new Fleet(broker);
        final byte[] firmware = new byte[9_000];
        new Random(11).nextBytes(firmware);
        try (ApiClient api = fleet.api("packaged")) {
            api.result("firmware", "package.upload", Fleet.upload("packaged", "1", "MURMUR3_128", firmware));
            final Fleet.Device device = Fleet.create(api, "packaged");
            try (Link link = fleet.connect(device, false)) {
                final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
                api.result("firmware", "assign", Fleet.assign(device, "packaged", "1"));
                assertEquals("packaged", example.awaitPush().get("fw_title").asText());
                final JsonNode info = example.requestFirmwareInfo(1);
                final byte[] downloaded =
                        example.download("1", 1024, info.get("fw_size").asLong(), 0, new ByteArrayOutputStream());
                assertArrayEquals(firmware, downloaded);
                assertEquals(info.get("fw_checksum").asText(), DeviceSideChecksum.of("MURMUR3_128", downloaded));
            }
        }
    }
}
