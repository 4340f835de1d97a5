package io.hiveiot.cli.time;

import io.hiveiot.cli.exit.UsageProblem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time as operators type it for {@code --from}/{@code --to}: epoch milliseconds, ISO 8601
 * ({@code 2026-12-01T10:00:00Z}, {@code 2026-12-01T11:00:00+01:00}; without an offset UTC;
 * {@code 2026-12-01} is its midnight UTC), or a duration meaning that long ago ({@code 2h}).
 */
public final class InstantText {

    private InstantText() {}

    public static Instant parse(final String value, final Clock clock) {
        final String text = value.trim();
        if (text.matches("\\d{10,}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException notWithOffset) {
            // try the shorter forms below
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeParseException notLocal) {
            // try the shorter forms below
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (final DateTimeParseException notADate) {
            // try a duration below
        }
        try {
            return clock.instant().minus(DurationText.parse(text));
        } catch (final UsageProblem notADuration) {
            throw new UsageProblem(
                    "'" + value + "' is not a point in time",
                    "Use epoch milliseconds (1764583200000), ISO 8601 (2026-12-01T10:00:00Z, 2026-12-01) "
                            + "or a duration ago (2h).");
        }
    }
}
