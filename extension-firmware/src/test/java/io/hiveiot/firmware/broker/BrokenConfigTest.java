package io.hiveiot.firmware.broker;

import io.hiveiot.firmware.FirmwareExtensionMain;
import io.hiveiot.testkit.HiveMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config error stops the extension before it touches anything. */
class BrokenConfigTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension(Brokers.ID, Brokers.PRIORITY, FirmwareExtensionMain::new)
            .extensionConfig(
                    Brokers.ID,
                    "<hive-iot-firmware>\n  <packages><max-size>900</max-size></packages>\n"
                            + "  <chunks><cache-max-bytes>800</cache-max-bytes></chunks>\n</hive-iot-firmware>\n")
            .build();

    @Test
    void start_withAPackageLimitAboveTheCache_preventsStartupBeforeOpeningTheDatabase() throws Exception {
        assertTrue(
                broker.metrics().getMetrics().keySet().stream()
                        .noneMatch(name -> name.startsWith("hive-iot.firmware.")),
                "nothing of the extension may be registered");
        assertFalse(broker.database("firmware").exists());
    }
}
