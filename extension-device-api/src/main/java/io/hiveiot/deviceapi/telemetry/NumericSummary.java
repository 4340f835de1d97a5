package io.hiveiot.deviceapi.telemetry;

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

    /** Adds a stored summary (a chunk's columns) as if its points were added. */
    void add(final int chunkCount, final int chunkNumeric, final int chunkDoubles, final double chunkMin,
             final double chunkMax, final double chunkSum) {
        count += chunkCount;
        if (chunkNumeric == 0) {
            return;
        }
        numeric += chunkNumeric;
        doubles += chunkDoubles;
        min = Math.min(min, chunkMin);
        max = Math.max(max, chunkMax);
        sum += chunkSum;
    }

    boolean exact() {
        return exact;
    }
}
