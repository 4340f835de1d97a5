package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.deviceapi.telemetry.codec.ValueCode;

/**
 * Count, and over the numeric (LONG and DOUBLE) points min, max, sum and the first and last value: a chunk's
 * summary columns, and an aggregation interval's accumulator. Exact when every long and every partial sum of longs
 * is a double without rounding and every double is finite; an inexact summary is not stored, so aggregates decode
 * such a chunk instead.
 */
final class NumericSummary {

    /** Longs up to 2^53 convert to double exactly. */
    private static final long EXACT_LIMIT = 1L << 53;

    int count;
    int numeric;
    int doubles;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;
    double first = Double.NaN;
    double last = Double.NaN;
    long minLong = Long.MAX_VALUE;
    long maxLong = Long.MIN_VALUE;
    private long longSum;
    private boolean exact = true;

    static NumericSummary of(final Points points) {
        final var summary = new NumericSummary();
        for (int i = 0; i < points.size(); i++) {
            summary.add(points.type(i), points.bits(i));
        }
        return summary;
    }

    void add(final byte type, final long bits) {
        count++;
        if (!ValueCode.isNumeric(type)) {
            return;
        }
        final double value;
        if (type == ValueCode.DOUBLE) {
            value = Double.longBitsToDouble(bits);
            doubles++;
            exact &= Double.isFinite(value);
        } else {
            value = bits;
            minLong = Math.min(minLong, bits);
            maxLong = Math.max(maxLong, bits);
            exact &= Math.abs(bits) <= EXACT_LIMIT;
            if (exact) {
                longSum += bits;
                exact = Math.abs(longSum) <= EXACT_LIMIT;
            }
        }
        if (numeric == 0) {
            first = value;
        }
        numeric++;
        last = value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
    }

    /**
     * Adds stored summaries (a chunk's columns, or the sums of several chunks' columns) as if their points were
     * added; {@code absoluteSum} is the sum of the summaries' absolute sums, which bounds every partial sum.
     */
    void add(
            final int chunkCount,
            final int chunkNumeric,
            final int chunkDoubles,
            final double chunkMin,
            final double chunkMax,
            final double chunkSum,
            final double absoluteSum) {
        count += chunkCount;
        if (chunkNumeric == 0) {
            return;
        }
        numeric += chunkNumeric;
        doubles += chunkDoubles;
        min = Math.min(min, chunkMin);
        max = Math.max(max, chunkMax);
        sum += chunkSum;
        if (chunkDoubles == 0) {
            // a stored summary is exact: its longs are doubles without rounding, and so are sums of them that
            // stay within 2^53
            minLong = Math.min(minLong, (long) chunkMin);
            maxLong = Math.max(maxLong, (long) chunkMax);
            exact &= absoluteSum <= EXACT_LIMIT;
            if (exact) {
                longSum += (long) chunkSum;
                exact = Math.abs(longSum) <= EXACT_LIMIT;
            }
        }
    }

    /** The aggregate of what was added, typed as ThingsBoard types it; null when there is nothing to report. */
    TypedValue result(final Aggregation aggregation) {
        if (aggregation == Aggregation.COUNT) {
            return count == 0 ? null : new LongValue(count);
        }
        if (numeric == 0) {
            return null;
        }
        final boolean longsOnly = doubles == 0;
        return switch (aggregation) {
            case AVG -> new DoubleValue(sum / numeric);
            case SUM -> longsOnly && exact ? new LongValue(longSum) : new DoubleValue(sum);
            case MIN -> longsOnly ? new LongValue(minLong) : new DoubleValue(min);
            case MAX -> longsOnly ? new LongValue(maxLong) : new DoubleValue(max);
            default -> throw new IllegalArgumentException("not an aggregate: " + aggregation);
        };
    }

    boolean exact() {
        return exact;
    }
}
