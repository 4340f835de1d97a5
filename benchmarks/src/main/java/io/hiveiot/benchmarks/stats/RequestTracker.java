package io.hiveiot.benchmarks.stats;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests that wait for an answer (a PUBLISH for its PUBACK, an RPC for its response), counted from any
 * thread. A run has a warm-up before its measured window: only requests <em>sent</em> inside the window
 * count for the rates and latencies, whenever their answer arrives; totals over the whole run are kept
 * as well (the stored-rows check covers every message, warm-up included).
 */
public final class RequestTracker {

    private final long windowStartNanos;
    private volatile long windowEndNanos;
    private final LongAdder sentTotal = new LongAdder();
    private final LongAdder succeededTotal = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder succeededInWindow = new LongAdder();
    private final LongAdder failedInWindow = new LongAdder();
    private final AtomicLong outstanding = new AtomicLong();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LatencyRecorder latencies = new LatencyRecorder();

    public RequestTracker(final long windowStartNanos, final long windowEndNanos) {
        if (windowEndNanos <= windowStartNanos) {
            throw new IllegalArgumentException("the measured window must not be empty");
        }
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
    }

    /** Ends the window early (the message limit was reached): nothing is sent after this. */
    public void endWindowAt(final long nanos) {
        windowEndNanos = Math.max(windowStartNanos + 1, Math.min(windowEndNanos, nanos));
    }

    public boolean inWindow(final long sentNanos) {
        return sentNanos >= windowStartNanos && sentNanos < windowEndNanos;
    }

    public void sent(final long sentNanos) {
        outstanding.incrementAndGet();
        sentTotal.increment();
        if (inWindow(sentNanos)) {
            sentInWindow.increment();
        }
    }

    /** @param failure empty for a successful answer, else why it failed (the key of the failures table) */
    public void answered(final long sentNanos, final long answeredNanos, final Optional<String> failure) {
        outstanding.decrementAndGet();
        failure.ifPresent(reason ->
                failures.computeIfAbsent(reason, key -> new LongAdder()).increment());
        final boolean measured = inWindow(sentNanos);
        if (failure.isEmpty()) {
            succeededTotal.increment();
            if (measured) {
                succeededInWindow.increment();
                latencies.recordNanos(answeredNanos - sentNanos);
            }
        } else if (measured) {
            failedInWindow.increment();
        }
    }

    public long outstanding() {
        return outstanding.get();
    }

    public long windowNanos() {
        return windowEndNanos - windowStartNanos;
    }

    public long sentTotal() {
        return sentTotal.sum();
    }

    public long succeededTotal() {
        return succeededTotal.sum();
    }

    public long sentInWindow() {
        return sentInWindow.sum();
    }

    public long succeededInWindow() {
        return succeededInWindow.sum();
    }

    public long failedInWindow() {
        return failedInWindow.sum();
    }

    /** Latencies of the successful requests sent inside the window. */
    public LatencySummary latency() {
        return latencies.summary();
    }

    /** Every failure of the run, warm-up included, by reason. */
    public Map<String, Long> failures() {
        final Map<String, Long> counted = new TreeMap<>();
        failures.forEach((reason, count) -> counted.put(reason, count.sum()));
        return counted;
    }
}
