package io.hiveiot.benchmarks.load;

/**
 * Open-loop pacing at a fixed rate: message {@code k} (0-based) is due at {@code start + k / rate}, however
 * long earlier messages took. A sender that falls behind (every device still waiting for an answer) sends
 * the overdue messages as soon as it can and its lag is reported; the schedule itself never slips, so a
 * slow broker cannot quietly lower the offered rate.
 */
public final class Pacer {

    private final double ratePerSecond;
    private final long startNanos;

    public Pacer(final double ratePerSecond, final long startNanos) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(
                    "a rate is a positive number of messages per second, not " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.startNanos = startNanos;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** How many messages are due at {@code nowNanos}: the first is due at the start. */
    public long dueBy(final long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
    }

    /** When message {@code k} is due. */
    public long dueAt(final long k) {
        return startNanos + (long) Math.ceil(k * 1e9 / ratePerSecond);
    }

    /** How late message {@code k} is when sent at {@code nowNanos}; 0 when on time. */
    public long lagNanos(final long k, final long nowNanos) {
        return Math.max(0, nowNanos - dueAt(k));
    }
}
