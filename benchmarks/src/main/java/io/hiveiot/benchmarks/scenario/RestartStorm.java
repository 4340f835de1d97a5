package io.hiveiot.benchmarks.scenario;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.load.ReconnectListener;
import io.hiveiot.benchmarks.load.Refusals;
import io.hiveiot.benchmarks.telemetry.TelemetryPayload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the devices of a restart storm went through once it was armed (just before the broker's stop): every lost
 * connection and failed attempt with its moment and reason, each device's first CONNACK after the restart, and the
 * moment it was serving again. A device whose CONNACK says its session is present publishes one QoS 1 telemetry
 * message at once; its acknowledgement makes the device serving. A CONNACK without the session, or a publish refused,
 * leaves it not serving for good.
 */
final class RestartStorm implements ReconnectListener {

    /** One lost connection (attempt 0) or failed attempt to come back. */
    record Failure(long at, int attempt, String reason) {}

    private final Map<Device, Integer> positions = new HashMap<>();
    private final AtomicLongArray backAt;
    private final AtomicLongArray servingAt;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> publishFailures = new ConcurrentLinkedQueue<>();
    private final LongAdder sessionLost = new LongAdder();
    /** Counts down when a device is serving or will not be. */
    private final CountDownLatch settled;

    private List<DeviceClient> clients = List.of();
    private volatile boolean armed;
    private volatile long ts;

    RestartStorm(final List<Device> devices) {
        for (int i = 0; i < devices.size(); i++) {
            positions.put(devices.get(i), i);
        }
        backAt = new AtomicLongArray(devices.size());
        servingAt = new AtomicLongArray(devices.size());
        settled = new CountDownLatch(devices.size());
    }

    /** The devices' clients, in the order of the devices: the ones that publish once they are back. */
    void attach(final List<DeviceClient> deviceClients) {
        clients = List.copyOf(deviceClients);
    }

    /** From now on everything counts: the broker is about to stop. */
    void arm() {
        ts = System.currentTimeMillis();
        armed = true;
    }

    /** Waits until every device is serving or will not be, at most until {@code deadline} ({@code nanoTime}). */
    boolean awaitSettled(final long deadline) throws InterruptedException {
        return settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void connected(final Device device, final boolean sessionPresent) {
        if (!armed) {
            return;
        }
        final int position = positions.get(device);
        if (!backAt.compareAndSet(position, 0, System.nanoTime())) {
            // Back a second time after losing the connection again: the first CONNACK decided.
            return;
        }
        if (!sessionPresent) {
            sessionLost.increment();
            settled.countDown();
            return;
        }
        clients.get(position)
                .publish(TelemetryPayload.TOPIC, TelemetryPayload.of(ts, position), MqttQos.AT_LEAST_ONCE)
                .thenAccept(failure -> {
                    if (failure.isEmpty()) {
                        servingAt.set(position, System.nanoTime());
                    } else {
                        publishFailures.add("PUBLISH " + failure.get());
                    }
                    settled.countDown();
                });
    }

    @Override
    public void disconnected(final Device device, final int attempt, final Throwable cause) {
        if (armed) {
            failures.add(new Failure(System.nanoTime(), attempt, reason(cause)));
        }
    }

    /** {@link Refusals#reason}, with what made the connection fail when no CONNACK came (the port closed, ...). */
    static String reason(final Throwable cause) {
        final String reason = Refusals.reason(cause);
        return cause instanceof ConnectionFailedException && cause.getCause() != null
                ? reason + " (" + cause.getCause().getClass().getSimpleName() + ")"
                : reason;
    }

    /** {@link System#nanoTime()} of each device's first CONNACK after the restart; 0 for none. */
    long[] backAt() {
        return toArray(backAt);
    }

    /** {@link System#nanoTime()} at which each device was serving again; 0 for never. */
    long[] servingAt() {
        return toArray(servingAt);
    }

    long sessionLost() {
        return sessionLost.sum();
    }

    /** Connections the stop took: the lost connections before the new broker listened. */
    long lostBefore(final long listening) {
        return failures.stream()
                .filter(failure -> failure.at() < listening && failure.attempt() == 0)
                .count();
    }

    /** Attempts that failed before the new broker listened: the port was closed. */
    long attemptsBefore(final long listening) {
        return failures.stream()
                .filter(failure -> failure.at() < listening && failure.attempt() > 0)
                .count();
    }

    /**
     * What went wrong once the new broker listened, by reason: failed attempts, connections lost again after coming
     * back ({@code lost after coming back: <reason>}), and refused publishes ({@code PUBLISH <reason>}).
     */
    Map<String, Long> refusalsFrom(final long listening) {
        final Map<String, Long> refusals = new TreeMap<>();
        for (final Failure failure : failures) {
            if (failure.at() >= listening) {
                final String reason =
                        failure.attempt() == 0 ? "lost after coming back: " + failure.reason() : failure.reason();
                refusals.merge(reason, 1L, Long::sum);
            }
        }
        publishFailures.forEach(failure -> refusals.merge(failure, 1L, Long::sum));
        return refusals;
    }

    private static long[] toArray(final AtomicLongArray moments) {
        final long[] copy = new long[moments.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = moments.get(i);
        }
        return copy;
    }
}
