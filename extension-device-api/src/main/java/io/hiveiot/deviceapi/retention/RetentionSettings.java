package io.hiveiot.deviceapi.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long telemetry history is kept, and how much one purge step may do.
 *
 * @param telemetryMaxAge chunks whose points are all older than this are dropped; latest values and attributes
 *                        are kept forever
 * @param batchSize       the most chunks one purge step drops and the most series it visits, so that a step holds
 *                        the single writer for a few milliseconds only
 */
public record RetentionSettings(Duration telemetryMaxAge, int batchSize) {

    /** Seven days, which keeps a small disk from filling (README: bytes per stored value); operators raise it. */
    public static final Duration DEFAULT_TELEMETRY_MAX_AGE = Duration.ofDays(7);

    public static final int DEFAULT_BATCH_SIZE = 1_000;
    public static final RetentionSettings DEFAULTS =
            new RetentionSettings(DEFAULT_TELEMETRY_MAX_AGE, DEFAULT_BATCH_SIZE);

    public RetentionSettings {
        Objects.requireNonNull(telemetryMaxAge, "telemetryMaxAge");
        if (telemetryMaxAge.isNegative() || telemetryMaxAge.isZero()) {
            throw new IllegalArgumentException("telemetryMaxAge must be positive, not " + telemetryMaxAge);
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 100000, not " + batchSize);
        }
    }
}
