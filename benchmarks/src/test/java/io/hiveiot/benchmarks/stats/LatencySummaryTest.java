package io.hiveiot.benchmarks.stats;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySummaryTest {

    @Test
    void summary_ofOneToThousandMs_hasNearestRankPercentiles() {
        final var recorder = new LatencyRecorder();
        for (int ms = 1000; ms >= 1; ms--) {
            recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        final LatencySummary summary = recorder.summary();
        assertEquals(1000, summary.count());
        // Three significant digits: each value within 0.1%.
        assertEquals(500, summary.p50Ms(), 0.5);
        assertEquals(990, summary.p99Ms(), 1);
        assertEquals(999, summary.p999Ms(), 1);
        assertEquals(1000, summary.maxMs(), 1);
        assertEquals(500.5, summary.meanMs(), 0.5);
    }

    @Test
    void summary_ofOneSlowOutlier_showsOnlyInTheTail() {
        final var recorder = new LatencyRecorder();
        for (int i = 0; i < 999; i++) {
            recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        recorder.recordNanos(TimeUnit.SECONDS.toNanos(3));
        final LatencySummary summary = recorder.summary();
        assertEquals(2, summary.p50Ms(), 0.01);
        assertEquals(2, summary.p99Ms(), 0.01);
        assertEquals(2, summary.p999Ms(), 0.01);
        assertEquals(3000, summary.maxMs(), 3);
    }

    @Test
    void summary_ofNothing_isNaN() {
        final LatencySummary summary = new LatencyRecorder().summary();
        assertEquals(0, summary.count());
        assertTrue(Double.isNaN(summary.p99Ms()));
    }

    @Test
    void rates_perSecondRatioAndMedian() {
        assertEquals(500, Rates.perSecond(1000, Duration.ofSeconds(2)), 1e-9);
        assertTrue(Double.isNaN(Rates.perSecond(5, Duration.ZERO)));
        assertEquals(0.9, Rates.ratio(90, 100), 1e-9);
        assertTrue(Double.isNaN(Rates.ratio(1, 0)));
        assertTrue(Double.isNaN(Rates.ratio(Double.NaN, 1)));
        assertEquals(1024, Rates.perItem(10_000, 10_000 + 1024 * 100, 100), 1e-9);
        assertTrue(Double.isNaN(Rates.perItem(1, 2, 0)));
        assertEquals(2, Rates.median(3, 1, 2), 1e-9);
        assertEquals(2.5, Rates.median(4, 1, 3, 2), 1e-9);
        assertEquals(5, Rates.median(Double.NaN, 5), 1e-9);
        assertTrue(Double.isNaN(Rates.median()));
    }
}
