package io.hiveiot.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void delay_doublesPerFailedAttempt_upToTheMaximum() {
        assertEquals(1_000_000_000L, BACKOFF.delayNanos(0, 0.5));
        assertEquals(2_000_000_000L, BACKOFF.delayNanos(1, 0.5));
        assertEquals(4_000_000_000L, BACKOFF.delayNanos(2, 0.5));
        assertEquals(5_000_000_000L, BACKOFF.delayNanos(3, 0.5));
        assertEquals(5_000_000_000L, BACKOFF.delayNanos(1_000, 0.5));
    }

    @Test
    void delay_movesAQuarterEitherWayAtRandom() {
        assertEquals(750_000_000L, BACKOFF.delayNanos(0, 0));
        assertEquals(1_249_999_500L, BACKOFF.delayNanos(0, 0.999_999));
        assertEquals(3_750_000_000L, BACKOFF.delayNanos(9, 0));
    }

    @Test
    void aFirstDelayOfZero_orAboveTheMaximum_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
