package io.hiveiot.firmware.broker;

import io.hiveiot.firmware.FirmwareExtensionMain;
import io.hiveiot.testkit.HiveMqBroker;

import java.nio.file.Path;

/**
 * A broker as in production: hive-iot-auth (priority 1000) and hive-iot-device-api (100) from their built zips,
 * this extension in-process at its production priority, 500.
 */
final class Brokers {

    static final String ID = "hive-iot-firmware";
    static final int PRIORITY = 500;

    private Brokers() {}

    static Path authZip() {
        return Path.of(
                System.getProperty("hive-iot.auth.zip", "../extension-auth/target/hive-iot-auth-0.1.0-SNAPSHOT.zip"));
    }

    static Path deviceApiZip() {
        return Path.of(System.getProperty(
                "hive-iot.device-api.zip", "../extension-device-api/target/hive-iot-device-api-0.1.0-SNAPSHOT.zip"));
    }

    static HiveMqBroker.Builder platform() {
        return HiveMqBroker.builder()
                .extensionZip(authZip())
                .extensionZip(deviceApiZip())
                .embeddedExtension(ID, PRIORITY, FirmwareExtensionMain::new);
    }
}
