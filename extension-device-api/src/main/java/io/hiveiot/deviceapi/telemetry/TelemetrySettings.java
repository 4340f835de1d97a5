package io.hiveiot.deviceapi.telemetry;

import java.time.Duration;
import java.util.Objects;

/**
 * When a series' head (its points not sealed yet, kept in memory) is sealed into a chunk.
 *
 * @param chunkPoints a head is sealed when it holds this many points
 * @param chunkSpan   ... or when its points span this much time (by their timestamps)
 * @param headMaxAge  ... or when its first point arrived this long ago: a quiet series must not keep old ingest
 *                    rows, which hold every series' points, from being deleted; compaction merges the small chunks
 *                    this makes
 */
public record TelemetrySettings(int chunkPoints, Duration chunkSpan, Duration headMaxAge) {

    public static final int MAX_CHUNK_POINTS = 100_000;

    public static final TelemetrySettings DEFAULTS =
            new TelemetrySettings(256, Duration.ofHours(1), Duration.ofMinutes(10));

    public TelemetrySettings {
        Objects.requireNonNull(chunkSpan, "chunkSpan");
        Objects.requireNonNull(headMaxAge, "headMaxAge");
        if (chunkPoints < 2 || chunkPoints > MAX_CHUNK_POINTS) {
            throw new IllegalArgumentException(
                    "chunkPoints must be between 2 and " + MAX_CHUNK_POINTS + ", not " + chunkPoints);
        }
        if (chunkSpan.isNegative() || chunkSpan.isZero()) {
            throw new IllegalArgumentException("chunkSpan must be positive, not " + chunkSpan);
        }
        if (headMaxAge.isNegative() || headMaxAge.isZero()) {
            throw new IllegalArgumentException("headMaxAge must be positive, not " + headMaxAge);
        }
    }
}
