package io.hiveiot.benchmarks.load;

/**
 * What a device with a persistent session reports while it keeps coming back. Called on the MQTT client's
 * threads: an implementation must not block.
 */
public interface ReconnectListener {

    /** A CONNACK accepted the device; {@code sessionPresent} is the CONNACK's flag. */
    void connected(Device device, boolean sessionPresent);

    /**
     * The device lost its connection ({@code attempt} 0) or its {@code attempt}-th try to come back failed; it tries
     * again after its backoff.
     */
    void disconnected(Device device, int attempt, Throwable cause);
}
