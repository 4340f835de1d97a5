package io.hiveiot.tracking.broker;

import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.tracking.TrackingExtensionMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config error stops the extension before it touches anything. */
class BrokenConfigTest {

    @RegisterExtension
    static final HiveMqBroker broker = HiveMqBroker.builder()
            .embeddedExtension(Brokers.ID, Brokers.PRIORITY, TrackingExtensionMain::new)
            .extensionConfig(Brokers.ID, """
                    <hive-iot-tracking>
                        <families>
                            <family name="users" account="demo"/>
                        </families>
                    </hive-iot-tracking>
                    """)
            .build();

    @Test
    void start_withAFamilyTakingAPlatformNamespace_preventsStartupBeforeOpeningTheDatabase() throws Exception {
        assertTrue(
                broker.metrics().getMetrics().keySet().stream()
                        .noneMatch(name -> name.startsWith("hive-iot.tracking.")),
                "nothing of the extension may be registered");
        assertFalse(broker.database("tracking").exists());
    }
}
