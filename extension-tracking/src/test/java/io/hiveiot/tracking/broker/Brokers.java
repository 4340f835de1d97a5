package io.hiveiot.tracking.broker;

import io.hiveiot.testkit.HiveMqBroker;
import io.hiveiot.tracking.TrackingExtensionMain;

import java.nio.file.Path;

/** A broker with hive-iot-auth from its built zip and this extension in-process, as the tests need it. */
final class Brokers {

    static final String ID = "hive-iot-tracking";
    /** Below hive-iot-auth's 1000, as in hivemq-extension.xml. */
    static final int PRIORITY = 300;

    /**
     * hive-iot-auth's built-in DEVICE permissions plus subscribing to the foxtrackr family: the operator's part
     * of group topics (a configured role replaces the built-in list, so it is repeated here).
     */
    static final String AUTH_CONFIG = """
            <hive-iot-auth>
                <roles>
                    <role name="DEVICE">
                        <permission>
                            <topic-filter>v1/devices/me/#</topic-filter><activity>SUBSCRIBE</activity>
                        </permission>
                        <permission><topic-filter>v2/#</topic-filter><activity>SUBSCRIBE</activity></permission>
                        <permission><topic-filter>accounts/${account}/#</topic-filter></permission>
                        <permission><topic-filter>foxtrackr/#</topic-filter><activity>SUBSCRIBE</activity></permission>
                        <permission><topic-filter>foxfleet/#</topic-filter><activity>SUBSCRIBE</activity></permission>
                    </role>
                </roles>
            </hive-iot-auth>
            """;

    private Brokers() {
    }

    static Path authZip() {
        return Path.of(System.getProperty("hive-iot.auth.zip",
                System.getProperty("user.home") + "/.m2/repository/io/hiveiot/extension-auth/0.1.0-SNAPSHOT/"
                        + "extension-auth-0.1.0-SNAPSHOT.zip"));
    }

    static HiveMqBroker.Builder withAuth() {
        return HiveMqBroker.builder()
                .extensionZip(authZip())
                .extensionConfig("hive-iot-auth", AUTH_CONFIG)
                .embeddedExtension(ID, PRIORITY, TrackingExtensionMain::new);
    }
}
