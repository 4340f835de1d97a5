package io.hiveiot.benchmarks.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest {

    private static final long START = 5_000_000_000L;

    /** 100 devices back at 1 s, 2 s, ... 100 s after the start, in no order. */
    private static long[] hundred() {
        final long[] moments = new long[100];
        for (int i = 0; i < moments.length; i++) {
            moments[(i * 37) % 100] = START + (i + 1) * 1_000_000_000L;
        }
        return moments;
    }

    @Test
    void secondsUntil_aShare_isWhenThatManyOfTheWholeFleetWereBack() {
        assertEquals(1.0, Recovery.secondsUntil(hundred(), START, 0), 1e-9);
        assertEquals(50.0, Recovery.secondsUntil(hundred(), START, 0.5), 1e-9);
        assertEquals(99.0, Recovery.secondsUntil(hundred(), START, 0.99), 1e-9);
        assertEquals(100.0, Recovery.secondsUntil(hundred(), START, 1.0), 1e-9);
    }

    @Test
    void secondsUntil_roundsTheShareUp_andDevicesNeverBackCount_asNotBack() {
        final long[] moments = new long[150];
        for (int i = 0; i < 149; i++) {
            moments[i] = START + (i + 1) * 1_000_000L;
        }
        // 99% of 150 is 148.5: the 149th device.
        assertEquals(0.149, Recovery.secondsUntil(moments, START, 0.99), 1e-9);
        assertTrue(Double.isNaN(Recovery.secondsUntil(moments, START, 1.0)));
        assertTrue(Double.isNaN(Recovery.secondsUntil(new long[3], START, 0.5)));
        assertTrue(Double.isNaN(Recovery.secondsUntil(new long[0], START, 0.5)));
    }

    @Test
    void aDeviceBackBeforeTheStart_countsAsBackAtTheStart() {
        assertEquals(0.0, Recovery.secondsUntil(new long[] {START - 1_000}, START, 1.0), 1e-9);
    }
}
