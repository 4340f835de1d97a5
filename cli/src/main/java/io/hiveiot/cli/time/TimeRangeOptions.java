package io.hiveiot.cli.time;

import io.hiveiot.cli.exit.UsageProblem;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@code --since 1h} or {@code --from/--to}: the time range of a history or export. */
public final class TimeRangeOptions {

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            description = "Only the last DURATION, e.g. 15m, 1h, 7d (instead of --from).")
    String since;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Start (inclusive): epoch ms, ISO 8601 (2026-12-01T10:00:00Z) or a duration ago (2h).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "End: epoch ms, ISO 8601 or a duration ago; default now.")
    String to;

    /** The range's start, if the user gave one. */
    public Optional<Instant> from(final Clock clock) {
        if (since != null && from != null) {
            throw new UsageProblem("--since and --from both give the start", "Use one of them.");
        }
        if (since != null) {
            return Optional.of(clock.instant().minus(DurationText.parse(since)));
        }
        return Optional.ofNullable(from).map(text -> InstantText.parse(text, clock));
    }

    /** The range's end, if the user gave one. */
    public Optional<Instant> to(final Clock clock) {
        return Optional.ofNullable(to).map(text -> InstantText.parse(text, clock));
    }
}
