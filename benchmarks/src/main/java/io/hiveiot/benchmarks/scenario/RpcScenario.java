package io.hiveiot.benchmarks.scenario;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.load.PacedLoop;
import io.hiveiot.benchmarks.provision.FirstRun;
import io.hiveiot.benchmarks.rpc.RpcCaller;
import io.hiveiot.benchmarks.rpc.RpcMessages;
import io.hiveiot.benchmarks.stats.LatencySummary;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.stats.RequestTracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server-side RPC: N connected devices subscribed to their request topic answer every request at once; one
 * application sends RPCs to them round-robin at a fixed rate, with at most {@code rpcInflight} unanswered,
 * and measures the round trip from its request's publish to the answer's arrival. For hive-iot the
 * application is the demo app calling the {@code devices} service ({@code rpc} op); for a plain broker it
 * is the equivalent plain MQTT exchange (see {@link RpcMessages}). Requests and answers are QoS 1.
 */
public final class RpcScenario implements Scenario {

    /** Answers later than the RPC timeout by this much are counted as {@code no answer}. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final long SWEEP_MILLIS = 50;

    @Override
    public String name() {
        return "rpc";
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final TrafficSettings traffic = context.traffic();
        traffic.requireFits(context.limits());
        final long start = System.nanoTime();
        final long deadline = start + context.limits().timeLimit().toNanos();
        final Optional<FirstRun> service = context.app();
        final List<Device> devices = context.fleet()
                .devices()
                .subList(0, Math.min(traffic.rpcDevices(), context.fleet().size()));
        final Connector.Outcome connected = Connector.connectAll(
                devices,
                context.target(),
                context.protocol(),
                context.concurrency(),
                context.limits().timeLimit().minus(traffic.duration()).minus(traffic.warmup()));
        if (connected.connected().isEmpty()) {
            throw new IllegalStateException("no rpc device could connect: " + connected.failures());
        }
        final List<DeviceClient> clients = connected.connected();
        final List<CompletableFuture<Void>> subscriptions = new ArrayList<>();
        for (final DeviceClient client : clients) {
            client.onMessage((topic, payload) -> (service.isPresent()
                            ? RpcMessages.deviceResponseTopic(topic)
                            : RpcMessages.plainResponseTopic(topic))
                    .ifPresent(answer -> client.publish(answer, RpcMessages.DEVICE_ANSWER, MqttQos.AT_LEAST_ONCE)));
            subscriptions.add(client.subscribe(
                    service.isPresent()
                            ? RpcMessages.DEVICE_REQUEST_FILTER
                            : RpcMessages.plainRequestFilter(client.device().name()),
                    MqttQos.AT_LEAST_ONCE));
        }
        Scenarios.await(
                CompletableFuture.allOf(subscriptions.toArray(CompletableFuture[]::new)),
                "the devices' subscriptions",
                SETUP_TIMEOUT);

        final DeviceClient app =
                DeviceClient.create(application(context), context.target(), context.protocol(), SETUP_TIMEOUT);
        final long windowStart = System.nanoTime() + traffic.warmup().toNanos();
        final long windowEnd = Math.min(windowStart + traffic.duration().toNanos(), deadline);
        final var tracker = new RequestTracker(windowStart, windowEnd);
        final var caller = new RpcCaller(
                app,
                service.map(FirstRun::account),
                clients.stream().map(DeviceClient::device).toList(),
                traffic.rpcTimeout(),
                traffic.rpcTimeout().plus(GRACE),
                traffic.rpcInflight(),
                tracker);
        Scenarios.await(
                app.connect(),
                "the application's connect as " + application(context).username(),
                SETUP_TIMEOUT);
        if (service.isEmpty()) {
            Scenarios.await(
                    app.subscribe(RpcMessages.PLAIN_RESPONSE_FILTER, MqttQos.AT_LEAST_ONCE),
                    "the application's subscription",
                    SETUP_TIMEOUT);
        }

        final var result = new PacedLoop.Outcome[1];
        final Thread loop = new Thread(
                () -> result[0] = PacedLoop.runWithWarmup(
                        traffic.rpcRate(),
                        windowStart,
                        windowEnd,
                        context.limits().maxMessages(),
                        k -> caller.sendNext()),
                "rpc-pacer");
        loop.start();
        final var cpu = new CpuMeter(context);
        expireUntil(windowStart, caller);
        cpu.start();
        expireUntil(windowEnd, caller);
        cpu.stop();
        loop.join();
        if (result[0].limitHitNanos() > 0) {
            tracker.endWindowAt(result[0].limitHitNanos());
        }
        final long drainDeadline = System.nanoTime()
                + traffic.rpcTimeout().plus(GRACE).toNanos()
                + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
        while (tracker.outstanding() > 0 && System.nanoTime() < drainDeadline) {
            expireUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), caller);
        }
        final long unanswered = tracker.outstanding();
        app.disconnect();
        Connector.disconnectAll(clients, ConnectScenario.DISCONNECT_TIMEOUT);

        final Duration window = Duration.ofNanos(tracker.windowNanos());
        final LatencySummary latency = tracker.latency();
        final long answered = tracker.succeededInWindow();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("connected", (double) clients.size());
        metrics.put("refused", (double) connected.refused());
        metrics.put("window_s", window.toNanos() / 1e9);
        metrics.put("sent", (double) tracker.sentInWindow());
        metrics.put("answered", (double) answered);
        metrics.put("failed", (double) tracker.failedInWindow());
        metrics.put("unanswered", (double) unanswered);
        metrics.put("target_rate_per_s", traffic.rpcRate());
        metrics.put("sent_per_s", Rates.perSecond(tracker.sentInWindow(), window));
        metrics.put("rpc_per_s", Rates.perSecond(answered, window));
        metrics.put("rtt_p50_ms", latency.p50Ms());
        metrics.put("rtt_p99_ms", latency.p99Ms());
        metrics.put("rtt_p999_ms", latency.p999Ms());
        metrics.put("rtt_max_ms", latency.maxMs());
        metrics.put("rtt_mean_ms", latency.meanMs());
        metrics.put("max_lag_ms", result[0].maxLagNanos() / 1e6);
        metrics.put("broker_cpu_us_per_rpc", cpu.brokerMicrosPer(tracker.sentInWindow()));
        metrics.put("broker_jit_cpu_us_per_rpc", cpu.brokerJitMicrosPer(tracker.sentInWindow()));
        metrics.put("loadgen_cpu_us_per_rpc", cpu.selfMicrosPer(tracker.sentInWindow()));

        final var out = context.out();
        out.printf(
                "rpc [%s, %s] %d devices, %.0f RPCs/s offered, at most %d in flight, %.0f s (+%.0f s warm-up), %s%n",
                context.broker(),
                context.protocol().displayName(),
                clients.size(),
                traffic.rpcRate(),
                traffic.rpcInflight(),
                window.toNanos() / 1e9,
                traffic.warmup().toNanos() / 1e9,
                service.isPresent() ? "through the devices service" : "plain MQTT request/response topics");
        out.printf(
                "  sent %d, answered %d (%.0f round trips/s), failed %d, unanswered at the end %d%n",
                tracker.sentInWindow(), answered, metrics.get("rpc_per_s"), tracker.failedInWindow(), unanswered);
        out.printf(
                "  round trip ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f;  pacer at most %.1f ms behind%n",
                latency.p50Ms(), latency.p99Ms(), latency.p999Ms(), latency.maxMs(), result[0].maxLagNanos() / 1e6);
        if (!tracker.failures().isEmpty() || !connected.failures().isEmpty()) {
            out.printf(
                    "  failures: %s%s%n",
                    tracker.failures(),
                    connected.failures().isEmpty() ? "" : ", connects refused: " + connected.failures());
        }
        final Map<String, Object> parameters = Scenarios.parameters(context, devices.size());
        parameters.put("rate", traffic.rpcRate());
        parameters.put("inflight", traffic.rpcInflight());
        parameters.put("timeout_ms", traffic.rpcTimeout().toMillis());
        parameters.put("duration_s", traffic.duration().toMillis() / 1000.0);
        parameters.put("warmup_s", traffic.warmup().toMillis() / 1000.0);
        parameters.put("api", service.isPresent() ? "devices service" : "plain MQTT");
        final Map<String, Long> failures = new TreeMap<>(connected.failures());
        tracker.failures().forEach((reason, count) -> failures.put("RPC " + reason, count));
        return new ScenarioResult(
                name(), context.protocol().shortName(), context.broker(), parameters, metrics, failures);
    }

    /**
     * hive-iot: the account's application, as its secret allows ({@code demo/bench-rpc-<run>}); a plain broker
     * lets anyone in.
     */
    static Device application(final ScenarioContext context) {
        final String run = context.fleet().runId();
        return context.app()
                .map(app -> new Device(
                        -1,
                        "rpc application",
                        app.appId() + "/bench-rpc-" + run,
                        app.appId(),
                        Optional.of(app.appSecret())))
                .orElse(new Device(-1, "rpc application", "bench-rpc-app-" + run, "bench-rpc-app", Optional.empty()));
    }

    /** Waits until {@code nanos}, counting requests unanswered past their expiry as {@code no answer}. */
    private static void expireUntil(final long nanos, final RpcCaller caller) throws InterruptedException {
        while (true) {
            final long now = System.nanoTime();
            caller.expire(now);
            if (now >= nanos) {
                return;
            }
            Scenarios.sleepUntil(Math.min(nanos, now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS)));
        }
    }
}
