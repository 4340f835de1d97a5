package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.gateway.GatewayPayload;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.provision.FirstRun;
import io.hiveiot.benchmarks.provision.ServiceClient;
import io.hiveiot.benchmarks.stats.LatencySummary;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.stats.RequestTracker;
import io.hiveiot.benchmarks.telemetry.TelemetryPayload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ThingsBoard's gateway API: one gateway connection carries the telemetry of many sub-devices
 * ({@link GatewayPayload}: {@code batch} sub-devices of three values each per message, round-robin over
 * {@code devices} sub-devices), as fast as the broker acknowledges with {@code inflight} messages outstanding. For
 * hive-iot the first device of the fleet is made a gateway through the {@code registry} service before it connects
 * (its sub-devices are created by its first messages, in the warm-up); the bare broker gets the same bytes on the
 * same topic, with nothing subscribed, and only acknowledges them. The result's parameters carry the ts range, so the
 * driver can count what hive-iot stored.
 */
public final class GatewayScenario implements Scenario {

    public static final String NAME = "gateway";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final TrafficSettings traffic = context.traffic();
        traffic.requireFits(context.limits());
        final GatewayLoad load = traffic.gateway();
        final long deadline = System.nanoTime() + context.limits().timeLimit().toNanos();
        final Device device = context.fleet().devices().get(0);
        final Optional<FirstRun> app = context.app();
        if (app.isPresent()) {
            makeGateway(context, app.get(), device);
        }
        final Connector.Outcome connected =
                Connector.connectAll(List.of(device), context.target(), context.protocol(), 1, SETUP_TIMEOUT);
        if (connected.connected().isEmpty()) {
            throw new IllegalStateException("the gateway could not connect: " + connected.failures());
        }
        final DeviceClient gateway = connected.connected().get(0);
        final long base = Math.max(System.currentTimeMillis(), context.minTs());
        final long windowStart = System.nanoTime() + traffic.warmup().toNanos();
        final long windowEnd = Math.min(windowStart + traffic.duration().toNanos(), deadline);
        final var tracker = new RequestTracker(windowStart, windowEnd);
        final var publisher = new Publisher(
                gateway,
                device.name(),
                load,
                base,
                traffic,
                tracker,
                windowEnd,
                context.limits().maxMessages());
        final var cpu = new CpuMeter(context);
        publisher.start();
        TelemetryScenario.measure(cpu, windowStart, windowEnd);
        publisher.stopped.set(true);
        final long drainDeadline = System.nanoTime() + TelemetryScenario.DRAIN_TIMEOUT.toNanos();
        while (tracker.outstanding() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(10);
        }
        final long unanswered = tracker.outstanding();
        Connector.disconnectAll(List.of(gateway), ConnectScenario.DISCONNECT_TIMEOUT);

        final Duration window = Duration.ofNanos(tracker.windowNanos());
        final LatencySummary latency = tracker.latency();
        final long acked = tracker.succeededInWindow();
        final double perSecond = Rates.perSecond(acked, window);
        final int values = TelemetryPayload.KEYS.size();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("window_s", window.toNanos() / 1e9);
        metrics.put("sent", (double) tracker.sentInWindow());
        metrics.put("acked", (double) acked);
        metrics.put("failed", (double) tracker.failedInWindow());
        metrics.put("unacknowledged", (double) unanswered);
        metrics.put("acked_per_s", perSecond);
        metrics.put("device_messages_per_s", perSecond * load.batch());
        metrics.put("values_per_s", perSecond * load.batch() * values);
        metrics.put("ack_p50_ms", latency.p50Ms());
        metrics.put("ack_p99_ms", latency.p99Ms());
        metrics.put("ack_max_ms", latency.maxMs());
        metrics.put("broker_cpu_us_per_message", cpu.brokerMicrosPer(tracker.sentInWindow()));
        metrics.put("broker_jit_cpu_us_per_message", cpu.brokerJitMicrosPer(tracker.sentInWindow()));
        metrics.put("loadgen_cpu_us_per_message", cpu.selfMicrosPer(tracker.sentInWindow()));
        metrics.put("sent_total", (double) tracker.sentTotal());
        metrics.put("acked_total", (double) tracker.succeededTotal());

        final var out = context.out();
        out.printf(
                "%s [%s, %s] 1 gateway, %d sub-devices, %d per message, QoS %d, %d in flight, %.0f s "
                        + "(+%.0f s warm-up)%n",
                NAME,
                context.broker(),
                context.protocol().displayName(),
                load.devices(),
                load.batch(),
                traffic.qos().getCode(),
                load.inflight(),
                window.toNanos() / 1e9,
                traffic.warmup().toNanos() / 1e9);
        out.printf(
                "  sent %d, acknowledged %d (%.0f msgs/s, %.0f sub-device messages/s, %.0f values/s), failed %d, "
                        + "unacknowledged at the end %d%n",
                tracker.sentInWindow(),
                acked,
                perSecond,
                perSecond * load.batch(),
                perSecond * load.batch() * values,
                tracker.failedInWindow(),
                unanswered);
        out.printf(
                "  publish-to-ack latency ms: p50 %.2f  p99 %.2f  max %.2f%n",
                latency.p50Ms(), latency.p99Ms(), latency.maxMs());
        if (!tracker.failures().isEmpty()) {
            out.printf("  failures: %s%n", tracker.failures());
        }
        final Map<String, Object> parameters = Scenarios.parameters(context, load.devices());
        parameters.put("gateway", device.name());
        parameters.put("batch", load.batch());
        parameters.put("inflight", load.inflight());
        parameters.put("qos", traffic.qos().getCode());
        parameters.put("duration_s", traffic.duration().toMillis() / 1000.0);
        parameters.put("warmup_s", traffic.warmup().toMillis() / 1000.0);
        parameters.put("ts_from", base);
        parameters.put("ts_to", GatewayPayload.lastTs(load.devices(), load.batch(), publisher.messages.get(), base));
        return new ScenarioResult(
                NAME,
                context.protocol().shortName(),
                context.broker(),
                parameters,
                metrics,
                TelemetryScenario.failures(connected.failures(), tracker.failures()));
    }

    /** The fleet's first device becomes a gateway before it connects (the flag applies at CONNECT). */
    private static void makeGateway(final ScenarioContext context, final FirstRun app, final Device device)
            throws InterruptedException {
        final long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        try (ServiceClient registry = ServiceClient.connect(
                context.target(), app, "bench-gw-" + context.fleet().runId(), "registry", deadline)) {
            final String request =
                    "{\"op\":\"device.update\",\"args\":{\"device\":\"" + device.name() + "\",\"gateway\":true}}";
            final var answer = Scenarios.await(
                    registry.call("gw-" + System.nanoTime(), request.getBytes(StandardCharsets.UTF_8)),
                    "making " + device.name() + " a gateway",
                    SETUP_TIMEOUT);
            if (!answer.path("ok").asBoolean()) {
                throw new IllegalStateException("device.update refused: " + answer);
            }
        }
    }

    /** The gateway's messages, each acknowledgement sending the next while the window is open. */
    private static final class Publisher {

        final AtomicLong messages = new AtomicLong();
        final AtomicBoolean stopped = new AtomicBoolean();
        private final DeviceClient client;
        private final String gateway;
        private final GatewayLoad load;
        private final long baseTs;
        private final TrafficSettings traffic;
        private final RequestTracker tracker;
        private final long untilNanos;
        private final AtomicLong budget;
        private final AtomicInteger inflight = new AtomicInteger();

        Publisher(
                final DeviceClient client,
                final String gateway,
                final GatewayLoad load,
                final long baseTs,
                final TrafficSettings traffic,
                final RequestTracker tracker,
                final long untilNanos,
                final long maxMessages) {
            this.client = client;
            this.gateway = gateway;
            this.load = load;
            this.baseTs = baseTs;
            this.traffic = traffic;
            this.tracker = tracker;
            this.untilNanos = untilNanos;
            this.budget = new AtomicLong(maxMessages);
        }

        void start() {
            for (int i = 0; i < load.inflight(); i++) {
                send();
            }
        }

        private void send() {
            if (stopped.get() || budget.getAndDecrement() <= 0) {
                if (!stopped.getAndSet(true)) {
                    tracker.endWindowAt(System.nanoTime());
                }
                return;
            }
            final long message = messages.getAndIncrement();
            final byte[] payload = GatewayPayload.of(gateway, load.devices(), load.batch(), message, baseTs);
            inflight.incrementAndGet();
            final long sent = System.nanoTime();
            tracker.sent(sent);
            client.publish(GatewayPayload.TOPIC, payload, traffic.qos()).thenAccept(failure -> {
                final long now = System.nanoTime();
                inflight.decrementAndGet();
                tracker.answered(sent, now, failure);
                if (now < untilNanos && (failure.isEmpty() || client.isConnected())) {
                    send();
                }
            });
        }
    }
}
