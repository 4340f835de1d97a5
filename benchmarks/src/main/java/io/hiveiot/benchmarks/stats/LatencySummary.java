package io.hiveiot.benchmarks.stats;

import org.HdrHistogram.AbstractHistogram;

/**
 * Percentiles of a latency histogram recorded in microseconds, in milliseconds. HdrHistogram's
 * percentile is the smallest recorded value (within the histogram's precision) that at least that
 * share of all values does not exceed, i.e. the nearest-rank definition.
 */
public record LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

    public static final LatencySummary EMPTY =
            new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static LatencySummary of(final AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                micros.getMean() / 1000.0);
    }

    private static double ms(final long micros) {
        return micros / 1000.0;
    }
}
