package io.hiveiot.benchmarks.load;

import java.time.Duration;

/**
 * How a device keeps its session across lost connections, as a fleet's devices do: MQTT 5 clean start off with a
 * session expiry, MQTT 3.1.1 clean session off, and automatic reconnects on {@code backoff}'s schedule until the
 * device disconnects itself.
 *
 * @param expiry   MQTT 5 session expiry interval (MQTT 3.1.1 sessions last as long as the broker keeps them)
 * @param listener told of every CONNACK and every lost connection or failed attempt
 */
public record PersistentSession(Duration expiry, Backoff backoff, ReconnectListener listener) {

    public PersistentSession {
        if (expiry.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "a persistent session expires after at least 1 s, not " + expiry.toMillis() + " ms");
        }
    }
}
