package io.hiveiot.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacerTest {

    private static final long START = 5_000_000_000L;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void dueBy_firstAtTheStart_thenOnePerPeriod() {
        final Pacer pacer = new Pacer(1000, START);
        assertEquals(0, pacer.dueBy(START - 1));
        assertEquals(1, pacer.dueBy(START));
        assertEquals(1, pacer.dueBy(START + MS - 1));
        assertEquals(2, pacer.dueBy(START + MS));
        assertEquals(1001, pacer.dueBy(START + 1000 * MS));
    }

    @Test
    void dueAt_isTheScheduleAndDoesNotSlip() {
        final Pacer pacer = new Pacer(400, START);
        assertEquals(START, pacer.dueAt(0));
        assertEquals(START + 2_500_000, pacer.dueAt(1));
        assertEquals(START + 1_000 * MS, pacer.dueAt(400));
        // Every message k is due by its own dueAt.
        for (long k = 0; k < 1_000; k++) {
            assertEquals(true, pacer.dueBy(pacer.dueAt(k)) > k, "message " + k);
        }
    }

    @Test
    void fractionalRates_keepTheAverage() {
        final Pacer pacer = new Pacer(2.5, START);
        assertEquals(26, pacer.dueBy(START + TimeUnit.SECONDS.toNanos(10)));
        assertEquals(START + 400 * MS, pacer.dueAt(1));
    }

    @Test
    void lag_isTimeBehindTheDueTime() {
        final Pacer pacer = new Pacer(1000, START);
        assertEquals(0, pacer.lagNanos(5, START));
        assertEquals(3 * MS, pacer.lagNanos(5, START + 8 * MS));
    }

    @Test
    void rate_mustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0, START));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(Double.NaN, START));
    }
}
