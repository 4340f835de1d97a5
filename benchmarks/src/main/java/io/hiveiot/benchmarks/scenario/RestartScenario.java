package io.hiveiot.benchmarks.scenario;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.broker.JitCpu;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.load.PersistentSession;
import io.hiveiot.benchmarks.load.Refusals;
import io.hiveiot.benchmarks.stats.Recovery;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A restart storm: N devices with persistent sessions, each subscribed to its RPC requests as a ThingsBoard device
 * is, are connected when the broker is stopped as an operator stops it and started again on the same data folder and
 * port. Every device comes back by itself on its reconnect backoff. A device is serving again when a CONNACK says its
 * session is present and one QoS 1 telemetry publish after it is acknowledged. From the moment the restarted broker's
 * listener accepted a connection: the time until 50%, 99% and 100% of the devices were serving, what failed by reason,
 * and the broker's CPU until the last device was back.
 */
public final class RestartScenario implements Scenario {

    public static final String NAME = "restart";
    /** What a ThingsBoard device subscribes to: its session brings the subscription back after the restart. */
    static final String RPC_REQUESTS = "v1/devices/me/rpc/request/+";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioResult run(final ScenarioContext context) throws InterruptedException {
        final BrokerRestart restart = context.restart()
                .orElseThrow(
                        () -> new IllegalArgumentException(
                                "the restart scenario stops and starts the broker: only compare, which runs the broker, can run it"));
        final RestartLoad load = context.traffic().restart();
        final List<Device> devices = Scenarios.capped(context);
        final var storm = new RestartStorm(devices);
        final var session = new PersistentSession(load.sessionExpiry(), load.backoff(), storm);
        final List<DeviceClient> clients = devices.stream()
                .map(device -> DeviceClient.persistent(
                        device, context.target(), context.protocol(), Connector.CONNECT_TIMEOUT, session))
                .toList();
        storm.attach(clients);
        final var out = context.out();
        try {
            final int connected = connectAll(clients, context);
            out.printf(
                    "restart [%s, %s] %,d devices connected with persistent sessions; restarting the broker%n",
                    context.broker(), context.protocol().displayName(), connected);

            storm.arm();
            final BrokerRestart.Restarted restarted = restart.restart();
            final long listening = restarted.listeningNanos();
            final Optional<Duration> selfAtListening =
                    BrokerMemory.cpuTime(ProcessHandle.current().pid());
            final boolean settled =
                    storm.awaitSettled(listening + context.limits().timeLimit().toNanos());
            final long end = System.nanoTime();
            final Optional<Duration> brokerCpu = BrokerMemory.cpuTime(restarted.pid());
            final Optional<Duration> brokerJit = JitCpu.of(restarted.pid());
            final Optional<Duration> selfCpu =
                    BrokerMemory.cpuTime(ProcessHandle.current().pid());

            final long[] serving = storm.servingAt();
            final long servingCount =
                    Arrays.stream(serving).filter(moment -> moment != 0).count();
            final Map<String, Long> refusals = storm.refusalsFrom(listening);
            final double brokerCpuSeconds = seconds(restarted.cpuAtListening(), brokerCpu);
            final Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("connected_before", (double) connected);
            metrics.put("lost_at_stop", (double) storm.lostBefore(listening));
            metrics.put("stop_s", (restarted.exitedNanos() - restarted.stopNanos()) / 1e9);
            metrics.put("start_s", (listening - restarted.exitedNanos()) / 1e9);
            metrics.put("down_s", (listening - restarted.stopNanos()) / 1e9);
            metrics.put("broker_start_cpu_s", seconds(Optional.of(Duration.ZERO), restarted.cpuAtListening()));
            metrics.put("attempts_while_down", (double) storm.attemptsBefore(listening));
            metrics.put("first_serving_s", Recovery.secondsUntil(serving, listening, 0));
            metrics.put("time_to_50_s", Recovery.secondsUntil(serving, listening, 0.5));
            metrics.put("time_to_99_s", Recovery.secondsUntil(serving, listening, 0.99));
            metrics.put("time_to_100_s", Recovery.secondsUntil(serving, listening, 1.0));
            metrics.put("connected_99_s", Recovery.secondsUntil(storm.backAt(), listening, 0.99));
            metrics.put("serving", (double) servingCount);
            metrics.put("not_serving", (double) (devices.size() - servingCount));
            metrics.put("session_lost", (double) storm.sessionLost());
            metrics.put("refused", (double)
                    refusals.values().stream().mapToLong(Long::longValue).sum());
            metrics.put("elapsed_s", (end - listening) / 1e9);
            metrics.put("broker_cpu_s", brokerCpuSeconds);
            metrics.put("broker_jit_cpu_s", seconds(restarted.jitAtListening(), brokerJit));
            metrics.put(
                    "broker_cpu_ms_per_device",
                    servingCount == 0 ? Double.NaN : brokerCpuSeconds * 1000 / servingCount);
            metrics.put("loadgen_cpu_s", seconds(selfAtListening, selfCpu));
            print(context, metrics, refusals, devices.size(), settled);

            final Map<String, Object> parameters = Scenarios.parameters(context, devices.size());
            parameters.put("session_expiry_s", load.sessionExpiry().toSeconds());
            parameters.put("reconnect_delay_s", load.backoff().initial().toMillis() / 1000.0);
            parameters.put("reconnect_max_delay_s", load.backoff().max().toMillis() / 1000.0);
            return new ScenarioResult(
                    name(), context.protocol().shortName(), context.broker(), parameters, metrics, refusals);
        } finally {
            final int lingering = Connector.disconnectAll(clients, ConnectScenario.DISCONNECT_TIMEOUT);
            if (lingering > 0) {
                out.printf(
                        "  %d clients did not finish disconnecting within %d s%n",
                        lingering, ConnectScenario.DISCONNECT_TIMEOUT.toSeconds());
            }
        }
    }

    private static void print(
            final ScenarioContext context,
            final Map<String, Double> metrics,
            final Map<String, Long> refusals,
            final int devices,
            final boolean settled) {
        final var out = context.out();
        out.printf(
                Locale.ROOT,
                "  stopped in %.1f s, listening again %.1f s later (devices away %.1f s, %,.0f "
                        + "attempts refused at the closed port)%n",
                metrics.get("stop_s"),
                metrics.get("start_s"),
                metrics.get("down_s"),
                metrics.get("attempts_while_down"));
        out.printf(
                Locale.ROOT,
                "  serving again after the port opened: first %s, 50%% %s, 99%% %s, 100%% %s; %,.0f "
                        + "of %,d serving%s%n",
                time(metrics.get("first_serving_s")),
                time(metrics.get("time_to_50_s")),
                time(metrics.get("time_to_99_s")),
                time(metrics.get("time_to_100_s")),
                metrics.get("serving"),
                devices,
                settled ? "" : " (time limit of " + context.limits().timeLimit().toSeconds() + " s reached)");
        out.printf(
                Locale.ROOT,
                "  session lost: %,.0f; refused after the port opened: %s%n",
                metrics.get("session_lost"),
                refusals.isEmpty() ? "none" : refusals);
        out.printf(
                Locale.ROOT,
                "  broker CPU %.1f s until the last device was back (JIT %.1f s), %.2f ms per device; "
                        + "%.1f s to start; load generator CPU %.1f s%n",
                metrics.get("broker_cpu_s"),
                metrics.get("broker_jit_cpu_s"),
                metrics.get("broker_cpu_ms_per_device"),
                metrics.get("broker_start_cpu_s"),
                metrics.get("loadgen_cpu_s"));
    }

    /**
     * Connects every device with at most {@code concurrency} CONNECTs in flight and subscribes it; not measured. Every
     * device must be in before the restart, within the time limit.
     */
    private static int connectAll(final List<DeviceClient> clients, final ScenarioContext context)
            throws InterruptedException {
        final var permits = new Semaphore(context.concurrency());
        final long deadline = System.nanoTime() + context.limits().timeLimit().toNanos();
        final var ready = new LongAdder();
        final var failures = new ConcurrentHashMap<String, LongAdder>();
        for (final DeviceClient client : clients) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            client.connect()
                    .thenCompose(connected -> client.subscribe(RPC_REQUESTS, MqttQos.AT_LEAST_ONCE))
                    .whenComplete((subscribed, error) -> {
                        if (error == null) {
                            ready.increment();
                        } else {
                            failures.computeIfAbsent(Refusals.reason(error), reason -> new LongAdder())
                                    .increment();
                        }
                        permits.release();
                    });
        }
        permits.tryAcquire(context.concurrency(), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (ready.sum() < clients.size()) {
            final Map<String, Long> failed = new TreeMap<>();
            failures.forEach((reason, count) -> failed.put(reason, count.sum()));
            throw new IllegalStateException("only " + ready.sum() + " of " + clients.size() + " devices connected and "
                    + "subscribed within " + context.limits().timeLimit().toSeconds() + " s before the restart"
                    + (failed.isEmpty() ? "" : "; failed: " + failed));
        }
        return clients.size();
    }

    private static double seconds(final Optional<Duration> before, final Optional<Duration> after) {
        return before.isEmpty() || after.isEmpty()
                ? Double.NaN
                : after.get().minus(before.get()).toNanos() / 1e9;
    }

    private static String time(final double seconds) {
        return Double.isNaN(seconds) ? "not reached" : String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
