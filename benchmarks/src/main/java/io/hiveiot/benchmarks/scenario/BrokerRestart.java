package io.hiveiot.benchmarks.scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * Stops the broker under test as an operator does (the distribution's normal stop) and starts it again on the same
 * data folder and port. Only a driver that owns the broker's process can; a broker of your own cannot be restarted
 * by the benchmarks.
 */
@FunctionalInterface
public interface BrokerRestart {

    /** Returns as soon as the new broker's listener accepts connections (and its extensions are verified started). */
    Restarted restart() throws InterruptedException;

    /**
     * Moments are {@link System#nanoTime()}.
     *
     * @param pid            the new broker process
     * @param stopNanos      when the stop was asked for
     * @param exitedNanos    when the old process had exited
     * @param listeningNanos when the new process's listener first accepted a TCP connection
     * @param cpuAtListening the new process's CPU time until then: its start, before any client came back
     * @param jitAtListening of it, the JIT compiler threads'
     */
    record Restarted(
            long pid,
            long stopNanos,
            long exitedNanos,
            long listeningNanos,
            Optional<Duration> cpuAtListening,
            Optional<Duration> jitAtListening) {}
}
