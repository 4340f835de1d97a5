package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.broker.JitCpu;

import java.time.Duration;
import java.util.Optional;

/**
 * CPU time of the broker (when it runs on this machine) and of the load generator over a measured window:
 * on two shared cores, CPU per message is what bounds the rates. The broker's JIT compiler threads are
 * measured apart as well: a fresh broker JVM is still compiling during the first runs of traffic.
 */
final class CpuMeter {

    private final ScenarioContext context;
    private Optional<Duration> brokerStart = Optional.empty();
    private Optional<Duration> selfStart = Optional.empty();
    private Optional<Duration> brokerEnd = Optional.empty();
    private Optional<Duration> selfEnd = Optional.empty();
    private Optional<Duration> jitStart = Optional.empty();
    private Optional<Duration> jitEnd = Optional.empty();

    CpuMeter(final ScenarioContext context) {
        this.context = context;
    }

    void start() {
        brokerStart = broker();
        jitStart = jit();
        selfStart = self();
    }

    void stop() {
        brokerEnd = broker();
        jitEnd = jit();
        selfEnd = self();
    }

    /** The part of {@link #brokerMicrosPer} that the broker's JIT compiler threads used. */
    double brokerJitMicrosPer(final long messages) {
        return microsPer(jitStart, jitEnd, messages);
    }

    /** Broker CPU in µs per message; NaN when unknown. */
    double brokerMicrosPer(final long messages) {
        return microsPer(brokerStart, brokerEnd, messages);
    }

    /** Load generator CPU in µs per message; NaN when unknown. */
    double selfMicrosPer(final long messages) {
        return microsPer(selfStart, selfEnd, messages);
    }

    /** Broker CPU in ms per unit of work that is not a count (MiB served); NaN when unknown. */
    double brokerMillisPer(final double units) {
        return millisPer(brokerStart, brokerEnd, units);
    }

    /** The part of {@link #brokerMillisPer} that the broker's JIT compiler threads used. */
    double brokerJitMillisPer(final double units) {
        return millisPer(jitStart, jitEnd, units);
    }

    /** Load generator CPU in ms per unit of work; NaN when unknown. */
    double selfMillisPer(final double units) {
        return millisPer(selfStart, selfEnd, units);
    }

    static double millisPer(final Optional<Duration> before, final Optional<Duration> after, final double units) {
        if (before.isEmpty() || after.isEmpty() || !(units > 0)) {
            return Double.NaN;
        }
        return after.get().minus(before.get()).toNanos() / 1e6 / units;
    }

    static double microsPer(final Optional<Duration> before, final Optional<Duration> after, final long messages) {
        if (before.isEmpty() || after.isEmpty() || messages == 0) {
            return Double.NaN;
        }
        return after.get().minus(before.get()).toNanos() / 1e3 / messages;
    }

    private Optional<Duration> broker() {
        return context.brokerPid().isPresent()
                ? BrokerMemory.cpuTime(context.brokerPid().getAsLong())
                : Optional.empty();
    }

    private Optional<Duration> jit() {
        return context.brokerPid().isPresent() ? JitCpu.of(context.brokerPid().getAsLong()) : Optional.empty();
    }

    private static Optional<Duration> self() {
        return BrokerMemory.cpuTime(ProcessHandle.current().pid());
    }
}
