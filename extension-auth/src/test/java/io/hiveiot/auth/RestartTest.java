package io.hiveiot.auth;

import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth.db outlives the broker: devices, tokens and the first-run credentials stay as they were. */
class RestartTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .build();

    @Test
    void restart_keepsDevicesAndTokens_andDoesNotSeedAgain() throws Exception {
        final Map<String, String> firstRun = AuthDb.firstRun(broker.dataFolder());
        final Path file = broker.dataFolder().resolve("hive-iot/first-run.txt");
        final var modified = Files.getLastModifiedTime(file);
        final AuthDb.Device added = new AuthDb(broker).addDevice("demo", "added-before-restart");
        broker.mqtt3("c")
                .connectWith()
                .simpleAuth()
                .username(added.token())
                .applySimpleAuth()
                .send();

        broker.restart();

        // The tokens are cached before any device reconnects: the reconnect storm reads nothing from auth.db.
        final long cached = (Long) broker.metrics()
                .getGauges()
                .get("hive-iot.auth.token-cache.entries")
                .getValue();
        assertTrue(cached >= 2, "tokens cached at start: " + cached);
        assertEquals(firstRun, AuthDb.firstRun(broker.dataFolder()));
        assertEquals(modified, Files.getLastModifiedTime(file));
        for (final String token : new String[] {firstRun.get("device-token"), added.token()}) {
            final var connAck = broker.mqtt3("c-" + token)
                    .connectWith()
                    .simpleAuth()
                    .username(token)
                    .applySimpleAuth()
                    .send();
            assertEquals(Mqtt3ConnAckReturnCode.SUCCESS, connAck.getReturnCode());
        }
    }

    @Test
    void restart_marksDevicesLeftActiveAsInactive() throws Exception {
        final var db = new AuthDb(broker);
        final AuthDb.Device device = db.addDevice("demo", "crashed-while-connected");
        broker.stop();
        // As if the broker had died with the device connected.
        db.execute(
                "INSERT INTO device_status (device_id, active, last_connect_time) VALUES (?, TRUE, 5) "
                        + "ON CONFLICT (device_id) DO UPDATE SET active = TRUE, last_connect_time = 5",
                device.id());
        broker.start();
        assertFalse(db.status(device.id()).active());
    }
}
