package io.hiveiot.auth;

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
            .embeddedExtension("hive-iot-auth", 1000, AuthExtensionMain::new)
            .extensionConfig(
                    "hive-iot-auth", "<hive-iot-auth>\n  <session-evictoin>true</session-evictoin>\n</hive-iot-auth>\n")
            .build();

    @Test
    void start_withUnknownElement_preventsStartupBeforeOpeningTheDatabase() {
        assertTrue(
                broker.metrics().getMetrics().keySet().stream().noneMatch(name -> name.startsWith("hive-iot.auth.")),
                "nothing of the extension may be registered");
        assertFalse(Files.exists(broker.dataFolder().resolve("hive-iot/auth.db")));
        assertFalse(Files.exists(broker.dataFolder().resolve("hive-iot/first-run.txt")));
    }
}
