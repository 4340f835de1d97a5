package io.hiveiot.tracking.broker;

import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.tracking.TrackingExtensionMain;

import java.nio.file.Path;

/**
 * A broker with hive-iot-auth from its built zip (its defaults: no role edited for families) and this extension
 * in-process, as the tests need it.
 */
final class Brokers {

    static final String ID = "hive-iot-tracking";
    /** Below hive-iot-auth's 1000, as in hivemq-extension.xml. */
    static final int PRIORITY = 300;

    private Brokers() {}

    static Path authZip() {
        return Path.of(System.getProperty(
                "hive-iot.auth.zip",
                System.getProperty("user.home") + "/.m2/repository/io/hiveiot/extension-auth/0.1.0-SNAPSHOT/"
                        + "extension-auth-0.1.0-SNAPSHOT.zip"));
    }

    static HiveMqBroker.Builder withAuth() {
        return HiveMqBroker.builder()
                .extensionZip(authZip())
                .embeddedExtension(ID, PRIORITY, TrackingExtensionMain::new);
    }
}
