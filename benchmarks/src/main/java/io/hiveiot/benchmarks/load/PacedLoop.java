package io.hiveiot.benchmarks.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends messages on a {@link Pacer}'s schedule from one thread until {@code endNanos}, the message
 * limit, or the thread's interruption. The sender may decline a message (no device has room in its in-flight window): it stays due and
 * is retried shortly, and the lag this causes is measured for the messages due inside the measured window.
 */
public final class PacedLoop {

    /** How long to wait before retrying a declined message: short against the 1 ms pacing of 1,000/s. */
    static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** The longest sleep between checks, so the end of the run is never overslept by much. */
    static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Sends message {@code k} of the current schedule; false when there is no room for it now. Called from the
     * loop's thread only.
     */
    @FunctionalInterface
    public interface Sender {
        boolean trySend(long k);
    }

    /**
     * @param sent          messages sent
     * @param maxLagNanos   the largest delay of a message due inside the measured window behind its due time
     * @param limitHitNanos when the message limit stopped the loop, or 0
     */
    public record Outcome(long sent, long maxLagNanos, long limitHitNanos) {}

    private PacedLoop() {}

    /**
     * A warm-up until {@code windowStart} at the same rate, then the measured window on a fresh schedule
     * that starts at the window: a backlog a cold broker JVM leaves during the warm-up is dropped instead of
     * being carried into the window, where it would keep every in-flight slot busy and show up as latency
     * that the steady state does not have. Within the window, falling behind is measured as lag.
     */
    public static Outcome runWithWarmup(
            final double ratePerSecond,
            final long windowStart,
            final long windowEnd,
            final long maxMessages,
            final Sender sender) {
        final long now = System.nanoTime();
        long warmupSent = 0;
        if (now < windowStart) {
            final Outcome warmup = run(new Pacer(ratePerSecond, now), Long.MAX_VALUE, windowStart, maxMessages, sender);
            if (warmup.limitHitNanos() > 0) {
                return warmup;
            }
            warmupSent = warmup.sent();
        }
        final Outcome measured =
                run(new Pacer(ratePerSecond, windowStart), windowStart, windowEnd, maxMessages - warmupSent, sender);
        return new Outcome(warmupSent + measured.sent(), measured.maxLagNanos(), measured.limitHitNanos());
    }

    public static Outcome run(
            final Pacer pacer,
            final long measureFromNanos,
            final long endNanos,
            final long maxMessages,
            final Sender sender) {
        long sent = 0;
        long maxLag = 0;
        while (true) {
            final long now = System.nanoTime();
            if (now >= endNanos || Thread.currentThread().isInterrupted()) {
                return new Outcome(sent, maxLag, 0);
            }
            if (sent >= maxMessages) {
                return new Outcome(sent, maxLag, now);
            }
            final long due = Math.min(pacer.dueBy(now), maxMessages);
            boolean declined = false;
            while (sent < due) {
                if (!sender.trySend(sent)) {
                    declined = true;
                    break;
                }
                if (pacer.dueAt(sent) >= measureFromNanos) {
                    maxLag = Math.max(maxLag, pacer.lagNanos(sent, System.nanoTime()));
                }
                sent++;
            }
            final long wait = declined
                    ? RETRY_NANOS
                    : Math.min(MAX_SLEEP_NANOS, Math.min(pacer.dueAt(sent), endNanos) - System.nanoTime());
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
