package io.hiveiot.benchmarks.load;

import io.hiveiot.benchmarks.stats.LatencyRecorder;
import io.hiveiot.benchmarks.stats.LatencySummary;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connects devices with at most {@code concurrency} CONNECTs in flight, until every device has an
 * answer or the time limit is reached. The latency of a CONNECT runs from the moment the client is
 * asked to connect (TCP handshake included) to its CONNACK. Connections stay open: the caller
 * decides how long devices stay and then calls {@link #disconnectAll}.
 */
public final class Connector {

    /** How long one CONNECT may take before the client gives up on it. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private Connector() {}

    /**
     * @param connected      the devices that got a successful CONNACK, still connected
     * @param attempted      CONNECTs sent
     * @param failures       failed CONNECTs by {@link Refusals#reason}, including those still
     *                       unanswered at the time limit ({@code timeout})
     * @param elapsed        from the first CONNECT to the last successful CONNACK
     * @param timeLimitHit   whether the time limit stopped the storm before every device had an answer
     */
    public record Outcome(
            List<DeviceClient> connected,
            int attempted,
            Map<String, Long> failures,
            LatencySummary latency,
            Duration elapsed,
            boolean timeLimitHit) {

        public long refused() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static Outcome connectAll(
            final List<Device> devices,
            final InetSocketAddress target,
            final Protocol protocol,
            final int concurrency,
            final Duration timeLimit)
            throws InterruptedException {
        final var permits = new Semaphore(concurrency);
        final var latencies = new LatencyRecorder();
        final var connected = new ConcurrentLinkedQueue<DeviceClient>();
        final var failures = new ConcurrentHashMap<String, LongAdder>();
        final var answered = new LongAdder();
        final var closed = new AtomicBoolean();
        final var lastAck = new AtomicLong();
        final Duration connectTimeout = timeLimit.compareTo(CONNECT_TIMEOUT) < 0 ? timeLimit : CONNECT_TIMEOUT;
        final long start = System.nanoTime();
        final long deadline = start + timeLimit.toNanos();
        int attempted = 0;
        boolean timeLimitHit = false;
        for (final Device device : devices) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                timeLimitHit = true;
                break;
            }
            attempted++;
            final DeviceClient client = DeviceClient.create(device, target, protocol, connectTimeout);
            final long sent = System.nanoTime();
            client.connect().whenComplete((ok, error) -> {
                final long now = System.nanoTime();
                synchronized (closed) {
                    if (closed.get()) {
                        // Answered after the time limit: already counted as a timeout.
                        if (error == null) {
                            client.disconnect();
                        }
                        return;
                    }
                    answered.increment();
                    if (error == null) {
                        latencies.recordNanos(now - sent);
                        lastAck.accumulateAndGet(now, Math::max);
                        connected.add(client);
                    } else {
                        failures.computeIfAbsent(Refusals.reason(error), reason -> new LongAdder())
                                .increment();
                    }
                }
                permits.release();
            });
        }
        // Every permit back means every CONNECT was answered.
        if (!permits.tryAcquire(concurrency, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            timeLimitHit = true;
        }
        final Map<String, Long> counted = new TreeMap<>();
        synchronized (closed) {
            closed.set(true);
            failures.forEach((reason, count) -> counted.put(reason, count.sum()));
            final long unanswered = attempted - answered.sum();
            if (unanswered > 0) {
                counted.merge(Refusals.TIMEOUT, unanswered, Long::sum);
            }
        }
        final Duration elapsed = lastAck.get() == 0 ? Duration.ZERO : Duration.ofNanos(lastAck.get() - start);
        return new Outcome(List.copyOf(connected), attempted, counted, latencies.summary(), elapsed, timeLimitHit);
    }

    /** Disconnects every client, waiting at most {@code timeout}; returns how many did not finish in time. */
    public static int disconnectAll(final Collection<DeviceClient> clients, final Duration timeout)
            throws InterruptedException {
        final List<CompletableFuture<Void>> disconnects = new ArrayList<>(clients.size());
        for (final DeviceClient client : clients) {
            disconnects.add(client.disconnect().exceptionally(error -> null));
        }
        try {
            CompletableFuture.allOf(disconnects.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return (int) disconnects.stream().filter(future -> !future.isDone()).count();
        }
    }
}
