package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;

import java.util.Arrays;

/**
 * Points of one series in ts order, one per ts, with the ingest position of the newest of them ({@code seq}): a
 * decoded chunk, a copy of a head, or points read from ingest rows. Where two runs hold a point at the same ts, the
 * one with the higher seq was written later and wins, as ThingsBoard's last write of a millisecond does.
 */
record SeriesRun(Points points, long seq) {

    /**
     * Orders points that are in arrival order by ts; of several at one ts the last to arrive stays. Points that
     * arrived in order, the usual case, are taken as they are.
     */
    static SeriesRun ofArrivals(final Points arrivals, final long seq) {
        final int size = arrivals.size();
        boolean increasing = true;
        for (int i = 1; i < size && increasing; i++) {
            increasing = arrivals.ts(i) > arrivals.ts(i - 1);
        }
        if (increasing) {
            return new SeriesRun(arrivals, seq);
        }
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // stable: points of one ts keep their arrival order, so the last of them is the one to keep
        Arrays.sort(order, (a, b) -> Long.compare(arrivals.ts(a), arrivals.ts(b)));
        final Points sorted = new Points(size);
        for (int i = 0; i < size; i++) {
            if (i + 1 < size && arrivals.ts(order[i + 1]) == arrivals.ts(order[i])) {
                continue;
            }
            sorted.add(arrivals, order[i]);
        }
        return new SeriesRun(sorted, seq);
    }

    long firstTs() {
        return points.ts(0);
    }

    long lastTs() {
        return points.ts(points.size() - 1);
    }

    /** The index of the last point with ts at most {@code ts}, or -1. */
    int lastAtOrBefore(final long ts) {
        int low = 0;
        int high = points.size() - 1;
        int found = -1;
        while (low <= high) {
            final int middle = (low + high) >>> 1;
            if (points.ts(middle) <= ts) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }
}
