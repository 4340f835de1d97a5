package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.stats.Rates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N connected devices that do nothing: what each connection costs the broker in live heap (after
 * forced full GCs) and in resident memory. The broker is sampled before the devices connect and again
 * after they have been connected for the hold time, so caches and connection-status writes have
 * settled; the difference divided by the connected devices is the cost per connection.
 */
public final class IdleScenario implements Scenario {

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        if (context.brokerPid().isEmpty()) {
            throw new IllegalArgumentException(
                    "the idle scenario reads the broker's memory: give its process id (--broker-pid)");
        }
        final long pid = context.brokerPid().getAsLong();
        final List<Device> devices = Scenarios.capped(context);
        final BrokerMemory.Sample before = BrokerMemory.sample(pid);

        final Connector.Outcome outcome = Connector.connectAll(
                devices,
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit());
        Thread.sleep(context.hold().toMillis());
        final BrokerMemory.Sample after = BrokerMemory.sample(pid);
        final long stillConnected =
                outcome.connected().stream().filter(DeviceClient::isConnected).count();
        Connector.disconnectAll(outcome.connected(), ConnectScenario.DISCONNECT_TIMEOUT);

        final int connected = outcome.connected().size();
        final double heapPerConnection = Rates.perItem(before.heapUsedBytes(), after.heapUsedBytes(), stillConnected);
        final double rssPerConnection = Rates.perItem(before.rssBytes(), after.rssBytes(), stillConnected);
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("attempted", (double) outcome.attempted());
        metrics.put("connected", (double) connected);
        metrics.put("still_connected", (double) stillConnected);
        metrics.put("refused", (double) outcome.refused());
        metrics.put("connects_per_s", Rates.perSecond(connected, outcome.elapsed()));
        metrics.put("heap_before_bytes", (double) before.heapUsedBytes());
        metrics.put("heap_after_bytes", (double) after.heapUsedBytes());
        metrics.put("heap_per_connection_bytes", heapPerConnection);
        metrics.put("rss_before_bytes", (double) before.rssBytes());
        metrics.put("rss_after_bytes", (double) after.rssBytes());
        metrics.put("rss_per_connection_bytes", rssPerConnection);

        final var out = context.out();
        out.printf(
                "idle [%s, %s] %d devices held %d s%n",
                context.broker(),
                context.protocol().displayName(),
                devices.size(),
                context.hold().toSeconds());
        out.printf(
                "  connected %d (still connected at the end: %d), refused: %s%n",
                connected, stillConnected, outcome.failures().isEmpty() ? "none" : outcome.failures());
        out.printf(
                "  heap after GC: %.1f MiB -> %.1f MiB, %.0f bytes per connection%n",
                mib(before.heapUsedBytes()), mib(after.heapUsedBytes()), heapPerConnection);
        out.printf(
                "  RSS:           %.1f MiB -> %.1f MiB, %.0f bytes per connection%n",
                mib(before.rssBytes()), mib(after.rssBytes()), rssPerConnection);
        final Map<String, Object> parameters = Scenarios.parameters(context, devices.size());
        parameters.put("hold_s", context.hold().toMillis() / 1000.0);
        return new ScenarioResult(
                name(), context.protocol().shortName(), context.broker(), parameters, metrics, outcome.failures());
    }

    private static double mib(final long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
