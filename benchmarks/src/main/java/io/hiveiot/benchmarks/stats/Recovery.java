package io.hiveiot.benchmarks.stats;

import java.util.Arrays;

/** When a share of a fleet was back after a restart: the moment each device was, against the moment it could be. */
public final class Recovery {

    private Recovery() {}

    /**
     * @param moments {@link System#nanoTime()} at which each device was back, 0 for a device that never was
     * @param start   the moment the devices could come back
     * @param share   of all devices, e.g. 0.99; 0 for the first device
     * @return seconds from {@code start} until {@code share} of the devices were back (never before 0); NaN when
     *         fewer were back
     */
    public static double secondsUntil(final long[] moments, final long start, final double share) {
        if (moments.length == 0) {
            return Double.NaN;
        }
        final long[] back =
                Arrays.stream(moments).filter(moment -> moment != 0).sorted().toArray();
        // The share of the whole fleet, rounded up: 99% of 150 devices is 149 of them.
        final int needed = Math.max(1, (int) Math.ceil(share * moments.length - 1e-9));
        if (back.length < needed) {
            return Double.NaN;
        }
        return Math.max(0, back[needed - 1] - start) / 1e9;
    }
}
