package io.hiveiot.benchmarks.telemetry;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.load.DeviceClient;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one device's telemetry payloads as fast as the broker acknowledges, a few publishes in flight, QoS 1: the
 * data a disk or read measurement needs, loaded through the broker as a device would send it.
 */
public final class Preload {

    /** How many publishes were acknowledged, and which failed why. */
    public record Outcome(long acknowledged, Map<String, Long> failures) {}

    private Preload() {}

    /**
     * @param payloads the messages in order; each is built when its turn comes, so a large preload is never held in
     *                 memory as a whole
     */
    public static CompletableFuture<Outcome> send(
            final DeviceClient device, final Iterator<byte[]> payloads, final int inflight) {
        final var outcome = new CompletableFuture<Outcome>();
        final var acknowledged = new AtomicLong();
        final Map<String, Long> failures = new TreeMap<>();
        final var outstanding = new AtomicLong();
        final Object lock = new Object();
        final Runnable[] next = new Runnable[1];
        next[0] = () -> {
            final byte[] payload;
            synchronized (lock) {
                if (!payloads.hasNext()) {
                    if (outstanding.get() == 0) {
                        outcome.complete(new Outcome(acknowledged.get(), Map.copyOf(failures)));
                    }
                    return;
                }
                payload = payloads.next();
                outstanding.incrementAndGet();
            }
            device.publish(TelemetryPayload.TOPIC, payload, MqttQos.AT_LEAST_ONCE)
                    .thenAccept((Optional<String> failure) -> {
                        synchronized (lock) {
                            outstanding.decrementAndGet();
                            if (failure.isEmpty()) {
                                acknowledged.incrementAndGet();
                            } else {
                                failures.merge(failure.get(), 1L, Long::sum);
                            }
                        }
                        next[0].run();
                    });
        };
        for (int i = 0; i < inflight; i++) {
            next[0].run();
        }
        return outcome;
    }
}
