package io.hiveiot.cli.time;

import io.hiveiot.cli.exit.UsageProblem;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations and points in time as operators type them. */
class TimeTextTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void durations_shortFormsAndIso() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
        assertEquals(Duration.ofMinutes(15), DurationText.parse("15m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofDays(2), DurationText.parse("2d"));
        assertEquals(Duration.ofDays(7), DurationText.parse("1w"));
        assertEquals(Duration.ofMinutes(90), DurationText.parse("PT1H30M"));
        assertThrows(UsageProblem.class, () -> DurationText.parse("an hour"));
    }

    @Test
    void durations_areFormattedAsTheyAreTyped() {
        assertEquals("300ms", DurationText.format(Duration.ofMillis(300)));
        assertEquals("30s", DurationText.format(Duration.ofSeconds(30)));
        assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
        assertEquals("5m", DurationText.format(Duration.ofMinutes(5)));
        assertEquals("2h", DurationText.format(Duration.ofHours(2)));
    }

    @Test
    void instants_epochMillisIsoDatesAndDurationsAgo() {
        assertEquals(Instant.ofEpochMilli(1764583200000L), InstantText.parse("1764583200000", CLOCK));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), InstantText.parse("2026-12-01T10:00:00Z", CLOCK));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), InstantText.parse("2026-12-01T11:00:00+01:00", CLOCK));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), InstantText.parse("2026-12-01T10:00", CLOCK));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), InstantText.parse("2026-12-01", CLOCK));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), InstantText.parse("2h", CLOCK));
        final UsageProblem bad = assertThrows(UsageProblem.class, () -> InstantText.parse("tuesday", CLOCK));
        assertEquals("'tuesday' is not a point in time", bad.getMessage());
    }
}
