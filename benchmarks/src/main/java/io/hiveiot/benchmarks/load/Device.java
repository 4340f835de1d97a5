package io.hiveiot.benchmarks.load;

import java.util.Optional;

/**
 * One simulated device: the client ID it sends and its credentials. For hive-iot the username is
 * the device's access token (ThingsBoard style, no password); the bare broker gets the same client
 * ID and username and lets everyone in.
 */
public record Device(int index, String name, String clientId, String username, Optional<String> password) {

    @Override
    public String toString() {
        // Never the credentials: they end up in logs.
        return "device " + index + " (" + name + ")";
    }
}
