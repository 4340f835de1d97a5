package io.hiveiot.benchmarks.stats;

import java.time.Duration;

/** Small arithmetic the reports share, kept in one place so it is tested once. */
public final class Rates {

    private Rates() {}

    /** Events per second; NaN when no time passed. */
    public static double perSecond(final long events, final Duration elapsed) {
        if (elapsed.isZero() || elapsed.isNegative()) {
            return Double.NaN;
        }
        return events / (elapsed.toNanos() / 1e9);
    }

    /** {@code candidate / baseline}; NaN when the baseline is zero or either is unknown. */
    public static double ratio(final double candidate, final double baseline) {
        if (Double.isNaN(candidate) || Double.isNaN(baseline) || baseline == 0) {
            return Double.NaN;
        }
        return candidate / baseline;
    }

    /** {@code (after - before) / count}; NaN without a count. */
    public static double perItem(final long before, final long after, final long count) {
        if (count <= 0) {
            return Double.NaN;
        }
        return (after - before) / (double) count;
    }

    /** The median of a few repeats (the mean of the middle two for an even count). */
    public static double median(final double... values) {
        final double[] known = java.util.Arrays.stream(values)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        final int middle = known.length / 2;
        return known.length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }
}
