package io.hiveiot.firmware.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.firmware.pkg.DeviceSideChecksum;
import io.hiveiot.testkit.ApiClient;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A broker restart in the middle of a download: packages and assignments are in firmware.db, so the device
 * reconnects, asks for the next chunk with the same request id and size (as ThingsBoard's example does) and
 * finishes with a verified checksum; the chunk cache is filled again from the database.
 */
class RestartTest {

    @RegisterExtension
    static final HiveMqBroker broker = Brokers.platform().build();

    @Test
    void download_interruptedByARestart_continuesWhereItStopped() throws Exception {
        final Fleet fleet = new Fleet(broker);
        final byte[] firmware = new byte[50_000];
        new Random(8).nextBytes(firmware);
        final Fleet.Device device;
        try (ApiClient api = fleet.api("before")) {
            api.result("firmware", "package.upload", Fleet.upload("restart", "1", "MURMUR3_32", firmware));
            device = Fleet.create(api, "restart");
            api.result("firmware", "assign", Fleet.assign(device, "restart", "1"));
        }
        final var received = new ByteArrayOutputStream();
        final JsonNode info;
        try (Link link = fleet.connect(device, true)) {
            final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
            info = example.requestFirmwareInfo(1);
            example.download("42", 4096, 6 * 4096, 0, received);
        }
        assertEquals(6 * 4096, received.size());

        broker.restart();

        try (Link link = fleet.connect(device, false)) {
            final var example = new ExampleDevice(link).subscribeAsTheExampleDoes();
            final byte[] downloaded =
                    example.download("42", 4096, info.get("fw_size").asLong(), 6, received);
            assertArrayEquals(firmware, downloaded);
            assertEquals(info.get("fw_checksum").asText(), DeviceSideChecksum.of("MURMUR3_32", downloaded));
            assertEquals(info, example.requestFirmwareInfo(2));
        }
    }
}
