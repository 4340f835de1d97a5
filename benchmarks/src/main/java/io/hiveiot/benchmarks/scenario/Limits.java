package io.hiveiot.benchmarks.scenario;

import java.time.Duration;

/**
 * What bounds a scenario: wall-clock time, and the number of messages it may send (connect and idle: a
 * CONNECT counts as one message; telemetry and rpc count their telemetry PUBLISHes and RPC requests, warm-up
 * included; firmware its chunk requests). Whatever is reached first ends the scenario.
 */
public record Limits(Duration timeLimit, long maxMessages) {

    public static final Duration MAX_TIME_LIMIT = Duration.ofHours(1);

    public Limits {
        if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
            throw new IllegalArgumentException("a time limit is between 0 and 1 hour, not " + timeLimit);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("the message limit is at least 1, not " + maxMessages);
        }
    }
}
