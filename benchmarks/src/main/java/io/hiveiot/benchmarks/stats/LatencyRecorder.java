package io.hiveiot.benchmarks.stats;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Latencies recorded from any thread (the MQTT client completes its futures on its Netty threads),
 * in microseconds with three significant digits: 0.1% precision from 1 µs to an hour.
 */
public final class LatencyRecorder {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);

    public void recordNanos(final long nanos) {
        histogram.recordValue(
                Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), histogram.getHighestTrackableValue())));
    }

    public LatencySummary summary() {
        final Histogram copy = histogram.copy();
        return LatencySummary.of(copy);
    }
}
