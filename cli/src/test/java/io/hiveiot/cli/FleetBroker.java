package io.hiveiot.cli;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.hiveiot.testkit.HiveMqBroker;

import java.nio.file.Path;
import java.util.UUID;

/** Brokers with the hive-iot extensions loaded from their built zips, as the distribution runs them. */
final class FleetBroker {

    private FleetBroker() {}

    static Path zip(final String property) {
        final String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests with Maven");
        }
        return Path.of(path);
    }

    /** hive-iot-auth and hive-iot-device-api: the registry and devices services. */
    static HiveMqBroker.Builder withRegistryAndDevices() {
        return HiveMqBroker.builder()
                .extensionZip(zip("hive-iot.auth.zip"))
                .extensionZip(zip("hive-iot.device-api.zip"));
    }

    /**
     * A device connected exactly as {@code mosquitto_pub -u <token>} connects: MQTT 3.1.1, a client ID of
     * mosquitto's form, the token as username and no password.
     */
    static Mqtt3BlockingClient mosquittoDevice(final HiveMqBroker broker, final String token) {
        final Mqtt3BlockingClient client =
                broker.mqtt3("mosq-" + UUID.randomUUID().toString().substring(0, 16));
        client.connectWith().simpleAuth().username(token).applySimpleAuth().send();
        return client;
    }
}
