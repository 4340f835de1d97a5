package io.hiveiot.deviceapi.broker;

import io.hiveiot.deviceapi.DeviceApiExtensionMain;
import io.hiveiot.testkit.HiveMqBroker;

import java.nio.file.Path;

/** A broker with hive-iot-auth from its built zip and this extension in-process, as the tests need it. */
final class Brokers {

    static final String ID = "hive-iot-device-api";

    private Brokers() {}

    static Path authZip() {
        return Path.of(
                System.getProperty("hive-iot.auth.zip", "../extension-auth/target/hive-iot-auth-0.1.0-SNAPSHOT.zip"));
    }

    static HiveMqBroker.Builder withAuth() {
        return HiveMqBroker.builder().extensionZip(authZip()).embeddedExtension(ID, 100, DeviceApiExtensionMain::new);
    }
}
