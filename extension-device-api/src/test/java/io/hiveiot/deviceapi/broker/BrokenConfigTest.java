package io.hiveiot.deviceapi.broker;

import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config error stops the extension before it touches anything. */
class BrokenConfigTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension(Brokers.ID, 100, io.hiveiot.deviceapi.DeviceApiExtensionMain::new)
            .extensionConfig(
                    Brokers.ID,
                    "<hive-iot-device-api>\n  <async-timeout>PT1S</async-timeout>\n" + "</hive-iot-device-api>\n")
            .build();

    @Test
    void start_withTooShortAsyncTimeout_preventsStartupBeforeOpeningTheDatabase() {
        assertTrue(
                broker.metrics().getMetrics().keySet().stream()
                        .noneMatch(name -> name.startsWith("hive-iot.device-api.")),
                "nothing of the extension may be registered");
        assertFalse(Files.exists(broker.dataFolder().resolve("hive-iot/device-data.db")));
    }
}
