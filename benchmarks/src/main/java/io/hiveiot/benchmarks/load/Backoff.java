package io.hiveiot.benchmarks.load;

import java.time.Duration;

/**
 * When a device tries again after its connection was lost or an attempt to come back failed: the schedule of the
 * HiveMQ MQTT client's automatic reconnect. The initial delay doubles with every failed attempt up to the maximum,
 * and each delay is then moved by up to a quarter either way at random, so that a fleet does not come back in
 * lockstep. ThingsBoard's Python SDK doubles the same way from the same 1 s (through paho), without the random part.
 *
 * @param initial the delay before the first attempt
 * @param max     the longest delay
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a reconnect delay is more than 0 s and at most the maximum delay, not "
                    + initial.toMillis() + " ms (maximum " + max.toMillis() + " ms)");
        }
    }

    /**
     * @param attempt failed attempts since the connection was lost (0 before the first one)
     * @param random  a number in [0, 1) that picks the delay within a quarter either way
     */
    public long delayNanos(final int attempt, final double random) {
        final double delay = Math.min(initial.toNanos() * Math.pow(2, attempt), max.toNanos());
        return Math.round(delay * (1 + (random - 0.5) / 2));
    }
}
