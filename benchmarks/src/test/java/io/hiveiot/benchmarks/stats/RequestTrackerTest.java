package io.hiveiot.benchmarks.stats;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestTrackerTest {

    private static final long MS = 1_000_000;

    @Test
    void onlyRequestsSentInTheWindowCount_totalsCoverTheWholeRun() {
        final var tracker = new RequestTracker(100 * MS, 200 * MS);
        tracker.sent(50 * MS); // warm-up
        tracker.answered(50 * MS, 60 * MS, Optional.empty());
        tracker.sent(150 * MS); // measured, answered after the window: still measured
        tracker.answered(150 * MS, 210 * MS, Optional.empty());
        tracker.sent(160 * MS); // measured, failed
        tracker.answered(160 * MS, 161 * MS, Optional.of("0x97 QUOTA_EXCEEDED"));
        tracker.sent(199 * MS); // measured, never answered
        assertEquals(4, tracker.sentTotal());
        assertEquals(2, tracker.succeededTotal());
        assertEquals(3, tracker.sentInWindow());
        assertEquals(1, tracker.succeededInWindow());
        assertEquals(1, tracker.failedInWindow());
        assertEquals(1, tracker.outstanding());
        assertEquals(1, tracker.latency().count());
        assertEquals(60.0, tracker.latency().p50Ms(), 0.1);
        assertEquals(Map.of("0x97 QUOTA_EXCEEDED", 1L), tracker.failures());
        assertEquals(100 * MS, tracker.windowNanos());
    }

    @Test
    void endWindowAt_onlyShortensTheWindow() {
        final var tracker = new RequestTracker(100 * MS, 200 * MS);
        tracker.endWindowAt(150 * MS);
        tracker.endWindowAt(180 * MS);
        assertEquals(50 * MS, tracker.windowNanos());
        tracker.endWindowAt(0);
        assertEquals(1, tracker.windowNanos());
        assertThrows(IllegalArgumentException.class, () -> new RequestTracker(5, 5));
    }
}
