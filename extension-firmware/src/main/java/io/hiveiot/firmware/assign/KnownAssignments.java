package io.hiveiot.firmware.assign;

import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What is assigned to one reachable device, as this extension keeps it: read once when the device becomes reachable,
 * then kept current by {@code assign} and {@code unassign}, so requests never read the database for it. An
 * assignment committed while the first read is under way wins over that read's older answer.
 */
final class KnownAssignments {

    private final AtomicReference<Assignments> assignments = new AtomicReference<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Runnable onChange;

    /** @param onChange runs after every change of what is known, the first read included */
    KnownAssignments(final Runnable onChange) {
        this.onChange = onChange;
    }

    /**
     * The current assignments, once known. The future only marks that they are known: the value is always the
     * latest, not the one it completed with.
     */
    CompletableFuture<Assignments> get() {
        return loaded.isDone()
                ? CompletableFuture.completedFuture(assignments.get())
                : loaded.thenApply(first -> assignments.get());
    }

    boolean known() {
        return loaded.isDone();
    }

    /** Only valid once {@link #known()}. */
    Assignments current() {
        final Assignments current = assignments.get();
        return current == null ? Assignments.NONE : current;
    }

    /** The first read's answer; ignored when an assignment made meanwhile was applied already. */
    void loaded(final Assignments fromDatabase) {
        if (assignments.compareAndSet(null, fromDatabase)) {
            onChange.run();
            loaded.complete(null);
        }
    }

    /** An assignment or unassignment committed while the device is reachable. */
    void change(final PackageType type, final Optional<PackageInfo> info) {
        assignments.updateAndGet(current -> (current == null ? Assignments.NONE : current).with(type, info));
        onChange.run();
        loaded.complete(null);
    }
}
