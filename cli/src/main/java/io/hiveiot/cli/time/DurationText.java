package io.hiveiot.cli.time;

import io.hiveiot.cli.exit.UsageProblem;
import picocli.CommandLine.ITypeConverter;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators type them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d},
 * {@code 1w}, or ISO 8601 ({@code PT1H30M}).
 */
public final class DurationText implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    @Override
    public Duration convert(final String value) {
        return parse(value);
    }

    public static Duration parse(final String value) {
        final String text = value.trim();
        final Matcher matcher = SHORT.matcher(text);
        if (matcher.matches()) {
            final long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (final DateTimeParseException e) {
            throw new UsageProblem(
                    "'" + value + "' is not a duration", "Write it like 500ms, 30s, 5m, 1h, 2d, 1w or PT1H30M.");
        }
    }

    /** A duration as {@link #parse} reads it back: 300ms, 30s, 5m, 2h. */
    public static String format(final Duration duration) {
        final long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
