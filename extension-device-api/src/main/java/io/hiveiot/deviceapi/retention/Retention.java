package io.hiveiot.deviceapi.retention;

import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Drops telemetry chunks whose points are all older than {@link RetentionSettings#telemetryMaxAge()}; latest values
 * and attributes are never purged. A purge is a chain of small writes, each submitted when the previous one has
 * committed, so the writes devices are waiting for get the writer between any two of them. Whoever owns the
 * schedule (the extension's main class) calls {@link #purge()} periodically and never runs two at once.
 */
public final class Retention {

    private final Database database;
    private final RetentionSettings settings;
    private final Clock clock;

    /** How many chunks a purge dropped, and in how many writes. */
    public record PurgeResult(long dropped, int batches) {}

    public Retention(final Database database, final RetentionSettings settings, final Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Drops every chunk whose newest point is older than the maximum age, counted from now (a chunk that holds a
     * younger point too stays until that one expires).
     *
     * @return once the last step has committed; exceptionally with the first step's failure (the steps before it
     *         stay committed, and the next purge carries on)
     */
    public CompletableFuture<PurgeResult> purge() {
        final long cutoff = clock.millis() - settings.telemetryMaxAge().toMillis();
        final var result = new CompletableFuture<PurgeResult>();
        step(cutoff, 0, 0, 0, result);
        return result;
    }

    /** Not recursive in effect: each step is submitted from the previous step's completion on the writer thread. */
    private void step(
            final long cutoff,
            final int start,
            final long droppedSoFar,
            final int batchesSoFar,
            final CompletableFuture<PurgeResult> result) {
        database.write(dsl -> PurgeStep.run(dsl, cutoff, start, settings.batchSize()))
                .whenComplete((outcome, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                        return;
                    }
                    final long dropped = droppedSoFar + outcome.dropped();
                    if (outcome.next().isEmpty()) {
                        result.complete(new PurgeResult(dropped, batchesSoFar + 1));
                    } else {
                        step(cutoff, outcome.next().get(), dropped, batchesSoFar + 1, result);
                    }
                });
    }
}
