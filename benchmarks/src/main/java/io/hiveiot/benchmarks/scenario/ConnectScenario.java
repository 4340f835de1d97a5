package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.stats.Rates;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connect storm: N devices connect, at most {@code concurrency} at a time. Measures connects per
 * second (first CONNECT to last CONNACK), CONNACK latency and refusals by reason code, and, when the
 * broker runs on this machine, the broker's CPU time per connect, which is what the two cores limit.
 */
public final class ConnectScenario implements Scenario {

    static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final List<Device> devices = Scenarios.capped(context);
        final Optional<Duration> brokerCpuBefore = context.brokerPid().isPresent()
                ? BrokerMemory.cpuTime(context.brokerPid().getAsLong())
                : Optional.empty();
        final Optional<Duration> selfCpuBefore =
                BrokerMemory.cpuTime(ProcessHandle.current().pid());

        final Connector.Outcome outcome = Connector.connectAll(
                devices,
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit());

        final Optional<Duration> brokerCpuAfter = context.brokerPid().isPresent()
                ? BrokerMemory.cpuTime(context.brokerPid().getAsLong())
                : Optional.empty();
        final Optional<Duration> selfCpuAfter =
                BrokerMemory.cpuTime(ProcessHandle.current().pid());
        final int lingering = Connector.disconnectAll(outcome.connected(), DISCONNECT_TIMEOUT);

        final int connected = outcome.connected().size();
        final double rate = Rates.perSecond(connected, outcome.elapsed());
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("attempted", (double) outcome.attempted());
        metrics.put("connected", (double) connected);
        metrics.put("refused", (double) outcome.refused());
        metrics.put("elapsed_s", outcome.elapsed().toNanos() / 1e9);
        metrics.put("connects_per_s", rate);
        metrics.put("connack_p50_ms", outcome.latency().p50Ms());
        metrics.put("connack_p99_ms", outcome.latency().p99Ms());
        metrics.put("connack_p999_ms", outcome.latency().p999Ms());
        metrics.put("connack_max_ms", outcome.latency().maxMs());
        metrics.put("connack_mean_ms", outcome.latency().meanMs());
        metrics.put("broker_cpu_ms_per_connect", cpuPerConnect(brokerCpuBefore, brokerCpuAfter, connected));
        metrics.put("loadgen_cpu_ms_per_connect", cpuPerConnect(selfCpuBefore, selfCpuAfter, connected));

        final var out = context.out();
        out.printf(
                "connect [%s, %s] %d devices, concurrency %d%n",
                context.broker(), context.protocol().displayName(), devices.size(), context.concurrency());
        out.printf(
                "  connected %d of %d in %.2f s: %.0f connects/s%s%n",
                connected,
                devices.size(),
                outcome.elapsed().toNanos() / 1e9,
                rate,
                outcome.timeLimitHit()
                        ? " (time limit of " + context.limits().timeLimit().toSeconds() + " s reached)"
                        : "");
        out.printf(
                "  CONNACK latency ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                outcome.latency().p50Ms(),
                outcome.latency().p99Ms(),
                outcome.latency().p999Ms(),
                outcome.latency().maxMs());
        out.printf("  refused: %s%n", outcome.failures().isEmpty() ? "none" : outcome.failures());
        if (!Double.isNaN(metrics.get("broker_cpu_ms_per_connect"))) {
            out.printf(
                    "  broker CPU %.3f ms per connect, load generator CPU %.3f ms per connect%n",
                    metrics.get("broker_cpu_ms_per_connect"), metrics.get("loadgen_cpu_ms_per_connect"));
        }
        if (lingering > 0) {
            out.printf(
                    "  %d clients did not finish disconnecting within %d s%n",
                    lingering, DISCONNECT_TIMEOUT.toSeconds());
        }
        return new ScenarioResult(
                name(),
                context.protocol().shortName(),
                context.broker(),
                Scenarios.parameters(context, devices.size()),
                metrics,
                outcome.failures());
    }

    static double cpuPerConnect(final Optional<Duration> before, final Optional<Duration> after, final long connects) {
        if (before.isEmpty() || after.isEmpty() || connects == 0) {
            return Double.NaN;
        }
        return after.get().minus(before.get()).toNanos() / 1e6 / connects;
    }
}
