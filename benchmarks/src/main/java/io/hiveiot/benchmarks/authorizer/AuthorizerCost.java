package io.hiveiot.benchmarks.authorizer;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.hiveiot.benchmarks.baseline.BaselineExtension;
import io.hiveiot.benchmarks.broker.BrokerKind;
import io.hiveiot.benchmarks.broker.BrokerMemory;
import io.hiveiot.benchmarks.broker.BrokerProcess;
import io.hiveiot.benchmarks.broker.BrokerSetup;
import io.hiveiot.benchmarks.driver.Workspace;
import io.hiveiot.benchmarks.report.MachineInfo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * What deciding family subscriptions costs everything else, two ways: a registered {@code SubscriptionAuthorizer}
 * ({@link PassThroughAuthorizerMain}) against a subscribe interceptor on every connection
 * ({@link PassThroughSubscriptionsMain}, as hive-iot-tracking does it), each beside the bare broker of the
 * distribution (the benchmarks' allow-all extension), which also runs alone as the baseline. Both pass every filter
 * that names no family on to the default permissions. Measured per run: routed QoS 1 PUBLISHes (HiveMQ asks every
 * authorizer provider about each one) and SUBSCRIBE/UNSUBSCRIBE round trips of filters that name no family, each
 * closed-loop with one request in flight per client, with the broker's CPU per operation. Each round runs the three
 * brokers, the order rotating from round to round. {@code run-benchmarks authorizer-cost [--rounds N]}.
 */
public final class AuthorizerCost {

    private static final int CLIENTS = 20;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration WINDOW = Duration.ofSeconds(20);

    /** The extension beside the allow-all one, if any. */
    private enum Variant {
        BARE("bare", Optional.empty()),
        AUTHORIZER("subscription authorizer", Optional.of(BaselineExtension.PASS_THROUGH_AUTHORIZER)),
        INTERCEPTOR("subscribe interceptor", Optional.of(BaselineExtension.PASS_THROUGH_SUBSCRIPTIONS));

        final String label;
        final Optional<BaselineExtension> extension;

        Variant(final String label, final Optional<BaselineExtension> extension) {
            this.label = label;
            this.extension = extension;
        }
    }

    private record Run(
            Variant variant,
            double publishesPerSecond,
            double publishCpuMicros,
            double subscribesPerSecond,
            double subscribeCpuMicros) {}

    private AuthorizerCost() {}

    /** Runs every round in a temporary workspace, printing each run and then the means. */
    public static void run(final Path distribution, final int rounds, final PrintStream out)
            throws InterruptedException {
        final MachineInfo machine = MachineInfo.current();
        out.printf(
                Locale.ROOT,
                "authorizer cost: %d rounds of %s; %d cores, %s; load average %s%n",
                rounds,
                distribution,
                machine.cores(),
                machine.jdk(),
                MachineInfo.loadAverage());
        final Path workspace = Workspace.create();
        final List<Run> runs = measureRounds(distribution, workspace, rounds, out);
        Workspace.delete(workspace);
        out.println();
        out.println("load average after: " + MachineInfo.loadAverage());
        final List<Run> bare = of(runs, Variant.BARE);
        for (final Variant variant : Variant.values()) {
            final List<Run> of = of(runs, variant);
            out.printf(
                    Locale.ROOT,
                    "%-24s publishes/s %.0f (%.2f of bare), CPU %.1f us/publish; subscribes/s"
                            + " %.0f (%.2f of bare), CPU %.1f us/subscribe%n",
                    variant.label,
                    mean(of, Run::publishesPerSecond),
                    mean(of, Run::publishesPerSecond) / mean(bare, Run::publishesPerSecond),
                    mean(of, Run::publishCpuMicros),
                    mean(of, Run::subscribesPerSecond),
                    mean(of, Run::subscribesPerSecond) / mean(bare, Run::subscribesPerSecond),
                    mean(of, Run::subscribeCpuMicros));
        }
    }

    private static List<Run> measureRounds(
            final Path distribution, final Path workspace, final int rounds, final PrintStream out)
            throws InterruptedException {
        final Variant[] variants = Variant.values();
        final List<Run> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.length; i++) {
                final Variant variant = variants[(i + round) % variants.length];
                final BrokerSetup setup = BrokerSetup.create(
                        BrokerKind.BARE,
                        distribution,
                        workspace.resolve(
                                "round-" + round + "-" + variant.name().toLowerCase(Locale.ROOT)));
                variant.extension.ifPresent(extension -> extension.writeInto(setup.extensionsFolder()));
                try (BrokerProcess broker = BrokerProcess.start(setup, "512m", "", round)) {
                    final Run run = measure(variant, broker);
                    runs.add(run);
                    out.println(format(run));
                }
            }
        }
        return runs;
    }

    private static List<Run> of(final List<Run> runs, final Variant variant) {
        return runs.stream().filter(run -> run.variant() == variant).toList();
    }

    private static double mean(final List<Run> runs, final ToDoubleFunction<Run> metric) {
        return runs.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }

    private static Run measure(final Variant variant, final BrokerProcess broker) throws InterruptedException {
        final List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            final Mqtt5AsyncClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("authz-" + i)
                    .serverAddress(broker.address())
                    .buildAsync();
            client.connect().orTimeout(30, TimeUnit.SECONDS).join();
            clients.add(client);
        }
        try {
            final double[] publishes = window(
                    broker,
                    clients,
                    (client, index, done) -> client.publishWith()
                            .topic("bench/" + index + "/telemetry")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload("{\"t\":21.5}".getBytes(StandardCharsets.UTF_8))
                            .send()
                            .whenComplete((result, failure) -> done.accept(
                                    failure != null || result.getError().isPresent())));
            final double[] subscribes = window(
                    broker,
                    clients,
                    (client, index, done) -> client.subscribeWith()
                            .topicFilter("bench/" + index + "/commands/#")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send()
                            .thenCompose(ack -> client.unsubscribeWith()
                                    .topicFilter("bench/" + index + "/commands/#")
                                    .send())
                            .whenComplete((result, failure) -> done.accept(failure != null)));
            return new Run(variant, publishes[0], publishes[1], subscribes[0], subscribes[1]);
        } finally {
            for (final Mqtt5AsyncClient client : clients) {
                client.disconnect();
            }
        }
    }

    private interface Operation {
        /** Starts one operation; {@code done} gets whether it failed. */
        void start(Mqtt5AsyncClient client, int index, Consumer<Boolean> done);
    }

    /** Closed loop on every client: warm-up, then the window. @return operations/s and broker CPU us/operation */
    private static double[] window(
            final BrokerProcess broker, final List<Mqtt5AsyncClient> clients, final Operation operation)
            throws InterruptedException {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < clients.size(); i++) {
            loop(clients.get(i), i, operation, completed, failed, running);
        }
        Thread.sleep(WARMUP.toMillis());
        final long before = completed.get();
        final Duration cpuBefore = BrokerMemory.cpuTime(broker.pid()).orElse(Duration.ZERO);
        Thread.sleep(WINDOW.toMillis());
        final long operations = completed.get() - before;
        final Duration cpu =
                BrokerMemory.cpuTime(broker.pid()).orElse(Duration.ZERO).minus(cpuBefore);
        running.set(false);
        // the requests still in flight finish before the next window or the disconnect
        Thread.sleep(1000);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " operations failed; the figures would mislead");
        }
        return new double[] {operations / (double) WINDOW.toSeconds(), cpu.toNanos() / 1000.0 / operations};
    }

    private static void loop(
            final Mqtt5AsyncClient client,
            final int index,
            final Operation operation,
            final AtomicLong completed,
            final AtomicLong failed,
            final AtomicBoolean running) {
        if (!running.get()) {
            return;
        }
        operation.start(client, index, failure -> {
            completed.incrementAndGet();
            if (failure) {
                failed.incrementAndGet();
            }
            loop(client, index, operation, completed, failed, running);
        });
    }

    private static String format(final Run run) {
        return String.format(
                Locale.ROOT,
                "%-24s publishes/s %8.0f  CPU %6.1f us/publish   subscribes/s %7.0f  CPU " + "%6.1f us/subscribe",
                run.variant().label,
                run.publishesPerSecond(),
                run.publishCpuMicros(),
                run.subscribesPerSecond(),
                run.subscribeCpuMicros());
    }
}
