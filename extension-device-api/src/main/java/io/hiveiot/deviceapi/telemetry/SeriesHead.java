package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;

/**
 * The points of one series not sealed yet, in arrival order, and the ingest rows they came from
 * ({@code firstIngest} to {@code lastIngest}): those rows stay until the head is sealed. A head is only changed by
 * the sealer thread; readers copy it under {@link Heads}' lock.
 */
final class SeriesHead {

    final int series;
    final Points points = new Points(16);
    final long firstIngest;
    final long openedNanos;
    long lastIngest;
    long minTs = Long.MAX_VALUE;
    long maxTs = Long.MIN_VALUE;
    /** Listed for sealing already. */
    boolean full;

    SeriesHead(final int series, final long firstIngest, final long openedNanos) {
        this.series = series;
        this.firstIngest = firstIngest;
        this.lastIngest = firstIngest;
        this.openedNanos = openedNanos;
    }

    void add(final long ingest, final long ts, final byte type, final long bits, final String text) {
        points.add(ts, type, bits, text);
        lastIngest = ingest;
        minTs = Math.min(minTs, ts);
        maxTs = Math.max(maxTs, ts);
    }

    /** Whether the head holds enough points, or spans enough time, to be sealed. */
    boolean reached(final TelemetrySettings settings) {
        // unsigned: the difference of two timestamps of a series can exceed the long range
        return points.size() >= settings.chunkPoints()
                || Long.compareUnsigned(maxTs - minTs, settings.chunkSpan().toMillis()) >= 0;
    }

    /** A copy of the points in arrival order, for a reader. */
    Points copy() {
        final Points copy = new Points(points.size());
        for (int i = 0; i < points.size(); i++) {
            copy.add(points, i);
        }
        return copy;
    }
}
