package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.PacedLoop;
import io.hiveiot.benchmarks.stats.LatencySummary;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.stats.RequestTracker;
import io.hiveiot.benchmarks.telemetry.TelemetryPayload;
import io.hiveiot.benchmarks.telemetry.TelemetryPublishers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * N devices publish ThingsBoard telemetry with three values to {@code v1/devices/me/telemetry}: either as
 * fast as the broker acknowledges (each device keeps {@code inflight} publishes outstanding and sends the
 * next one when an acknowledgement arrives, like a device that waits for its PUBACK), or at a fixed total
 * rate spread round-robin over the devices. After a warm-up on the same connections, the measured window
 * counts the publishes sent in it: acknowledged per second and publish-to-acknowledgement latency.
 * <p>
 * The result is named {@code telemetry} (max rate) or {@code telemetry-fixed}. Its parameters carry the
 * client-side ts range the run wrote ({@code ts_from}, {@code ts_to}): the driver counts the stored rows
 * in that range after the broker stopped (see {@link io.hiveiot.benchmarks.telemetry.StoredTelemetry}).
 * The bare broker gets the same publishes on the same topic; nothing subscribes there, so it only
 * acknowledges and drops them.
 */
public final class TelemetryScenario implements Scenario {

    public static final String MAX_RATE = "telemetry";
    public static final String FIXED_RATE = "telemetry-fixed";
    /** How long acknowledgements of the last publishes are waited for after the window. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return MAX_RATE;
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final TrafficSettings traffic = context.traffic();
        traffic.requireFits(context.limits());
        final long start = System.nanoTime();
        final long deadline = start + context.limits().timeLimit().toNanos();
        final List<Device> devices = context.fleet()
                .devices()
                .subList(0, Math.min(traffic.telemetryDevices(), context.fleet().size()));
        final Connector.Outcome connected = Connector.connectAll(
                devices,
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit().minus(traffic.duration()).minus(traffic.warmup()));
        if (connected.connected().isEmpty()) {
            throw new IllegalStateException("no telemetry device could connect: " + connected.failures());
        }
        final long base = Math.max(System.currentTimeMillis(), context.minTs());
        final long windowStart = System.nanoTime() + traffic.warmup().toNanos();
        final long windowEnd = Math.min(windowStart + traffic.duration().toNanos(), deadline);
        final var tracker = new RequestTracker(windowStart, windowEnd);
        final var publishers = new TelemetryPublishers(
                connected.connected(),
                base,
                traffic.qos(),
                traffic.inflight(),
                context.limits().maxMessages(),
                tracker,
                windowEnd);
        final var cpu = new CpuMeter(context);
        PacedLoop.Outcome paced = null;
        if (traffic.rate().isPresent()) {
            final var result = new PacedLoop.Outcome[1];
            final Thread loop = new Thread(
                    () -> result[0] = PacedLoop.runWithWarmup(
                            traffic.rate().getAsDouble(),
                            windowStart,
                            windowEnd,
                            context.limits().maxMessages(),
                            k -> publishers.sendNext()),
                    "telemetry-pacer");
            loop.start();
            measure(cpu, windowStart, windowEnd);
            loop.join();
            paced = result[0];
            if (paced.limitHitNanos() > 0) {
                tracker.endWindowAt(paced.limitHitNanos());
            }
        } else {
            publishers.startChains();
            measure(cpu, windowStart, windowEnd);
        }
        publishers.stop();
        final long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (tracker.outstanding() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(10);
        }
        final long unanswered = tracker.outstanding();
        Connector.disconnectAll(connected.connected(), ConnectScenario.DISCONNECT_TIMEOUT);

        final Duration window = Duration.ofNanos(tracker.windowNanos());
        final LatencySummary latency = tracker.latency();
        final long acked = tracker.succeededInWindow();
        final double ackedPerSecond = Rates.perSecond(acked, window);
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("connected", (double) connected.connected().size());
        metrics.put("refused", (double) connected.refused());
        metrics.put("window_s", window.toNanos() / 1e9);
        metrics.put("sent", (double) tracker.sentInWindow());
        metrics.put("acked", (double) acked);
        metrics.put("failed", (double) tracker.failedInWindow());
        metrics.put("unacknowledged", (double) unanswered);
        metrics.put("sent_per_s", Rates.perSecond(tracker.sentInWindow(), window));
        metrics.put("acked_per_s", ackedPerSecond);
        metrics.put("values_per_s", ackedPerSecond * TelemetryPayload.KEYS.size());
        metrics.put("ack_p50_ms", latency.p50Ms());
        metrics.put("ack_p99_ms", latency.p99Ms());
        metrics.put("ack_p999_ms", latency.p999Ms());
        metrics.put("ack_max_ms", latency.maxMs());
        metrics.put("ack_mean_ms", latency.meanMs());
        metrics.put("target_rate_per_s", traffic.rate().orElse(Double.NaN));
        metrics.put("max_lag_ms", paced == null ? Double.NaN : paced.maxLagNanos() / 1e6);
        metrics.put("broker_cpu_us_per_message", cpu.brokerMicrosPer(tracker.sentInWindow()));
        metrics.put("broker_cpu_us_per_acked", cpu.brokerMicrosPer(acked));
        metrics.put("broker_jit_cpu_us_per_message", cpu.brokerJitMicrosPer(tracker.sentInWindow()));
        metrics.put("loadgen_cpu_us_per_message", cpu.selfMicrosPer(tracker.sentInWindow()));
        metrics.put("sent_total", (double) tracker.sentTotal());
        metrics.put("acked_total", (double) tracker.succeededTotal());

        final String name = traffic.rate().isPresent() ? FIXED_RATE : MAX_RATE;
        final var out = context.out();
        out.printf(
                "%s [%s, %s] %d devices, QoS %d, %s, %d in flight per device, %.0f s (+%.0f s warm-up)%n",
                name,
                context.broker(),
                context.protocol().displayName(),
                connected.connected().size(),
                traffic.qos().getCode(),
                traffic.rate().isPresent()
                        ? String.format("%.0f msgs/s", traffic.rate().getAsDouble())
                        : "max rate",
                traffic.inflight(),
                window.toNanos() / 1e9,
                traffic.warmup().toNanos() / 1e9);
        out.printf(
                "  sent %d, acknowledged %d (%.0f msgs/s, %.0f values/s), failed %d, unacknowledged at the end %d%n",
                tracker.sentInWindow(),
                acked,
                ackedPerSecond,
                ackedPerSecond * TelemetryPayload.KEYS.size(),
                tracker.failedInWindow(),
                unanswered);
        out.printf(
                "  publish-to-ack latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%s%n",
                latency.p50Ms(),
                latency.p99Ms(),
                latency.p999Ms(),
                latency.maxMs(),
                paced == null ? "" : String.format(";  pacer at most %.1f ms behind", paced.maxLagNanos() / 1e6));
        if (!tracker.failures().isEmpty() || !connected.failures().isEmpty()) {
            out.printf(
                    "  failures: %s%s%n",
                    tracker.failures(),
                    connected.failures().isEmpty() ? "" : ", connects refused: " + connected.failures());
        }
        final Map<String, Object> parameters = Scenarios.parameters(context, devices.size());
        parameters.put("qos", traffic.qos().getCode());
        parameters.put("inflight", traffic.inflight());
        parameters.put("rate", traffic.rate().isPresent() ? traffic.rate().getAsDouble() : "max");
        parameters.put("duration_s", traffic.duration().toMillis() / 1000.0);
        parameters.put("warmup_s", traffic.warmup().toMillis() / 1000.0);
        parameters.put("ts_from", base);
        parameters.put("ts_to", publishers.lastTs());
        return new ScenarioResult(
                name,
                context.protocol().shortName(),
                context.broker(),
                parameters,
                metrics,
                failures(connected.failures(), tracker.failures()));
    }

    /** Samples the CPU time at the start and at the end of the measured window. */
    static void measure(final CpuMeter cpu, final long windowStart, final long windowEnd) throws InterruptedException {
        Scenarios.sleepUntil(windowStart);
        cpu.start();
        Scenarios.sleepUntil(windowEnd);
        cpu.stop();
    }

    /** Connect refusals as they are, publish failures as {@code PUBLISH <reason>}. */
    static Map<String, Long> failures(final Map<String, Long> connects, final Map<String, Long> publishes) {
        final Map<String, Long> all = new TreeMap<>(connects);
        publishes.forEach((reason, count) -> all.put("PUBLISH " + reason, count));
        return all;
    }
}
