package io.hiveiot.benchmarks.telemetry;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.stats.RequestTracker;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connected telemetry devices and their publishes. Each device numbers its messages (the n of its
 * client-side ts, see {@link TelemetryPayload}) and counts its unacknowledged ones. Publishes go out either
 * chained (max rate: each acknowledgement sends the device's next publish, like a device that waits for its
 * PUBACK) or one at a time for a pacer, round-robin over the devices with room in their in-flight window.
 * Every publish and its answer are recorded in the {@link RequestTracker}. Sending ends at {@link #stop()},
 * for chains at {@code chainUntilNanos}, and when the message budget is spent (the measured window then
 * ends there).
 */
public final class TelemetryPublishers {

    /** One device: its message counter and its unacknowledged publishes. */
    private static final class Publisher {
        final DeviceClient client;
        final AtomicLong seq = new AtomicLong();
        final AtomicInteger inflight = new AtomicInteger();

        Publisher(final DeviceClient client) {
            this.client = client;
        }
    }

    private final List<Publisher> publishers;
    private final long baseTs;
    private final MqttQos qos;
    private final int inflight;
    private final RequestTracker tracker;
    private final long chainUntilNanos;
    private final AtomicLong budget;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger cursor = new AtomicInteger();

    /**
     * @param baseTs      the client-side ts of every device's first message (epoch ms)
     * @param inflight    unacknowledged publishes per device at most
     * @param maxMessages publishes of all devices together at most (the run's message limit)
     */
    public TelemetryPublishers(
            final List<DeviceClient> clients,
            final long baseTs,
            final MqttQos qos,
            final int inflight,
            final long maxMessages,
            final RequestTracker tracker,
            final long chainUntilNanos) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("no devices to publish from");
        }
        this.publishers = clients.stream().map(Publisher::new).toList();
        this.baseTs = baseTs;
        this.qos = qos;
        this.inflight = inflight;
        this.tracker = tracker;
        this.chainUntilNanos = chainUntilNanos;
        this.budget = new AtomicLong(maxMessages);
    }

    /** Max rate: every device fills its in-flight window, and each acknowledgement sends the next publish. */
    public void startChains() {
        for (final Publisher publisher : publishers) {
            for (int i = 0; i < inflight; i++) {
                send(publisher, true);
            }
        }
    }

    /** Fixed rate: the next device with room sends one publish; false when none has room or sending ended. */
    public boolean sendNext() {
        for (int tried = 0; tried < publishers.size(); tried++) {
            final Publisher next = publishers.get(Math.floorMod(cursor.getAndIncrement(), publishers.size()));
            if (next.inflight.get() < inflight) {
                return send(next, false);
            }
        }
        return false;
    }

    public void stop() {
        stopped.set(true);
    }

    /** The largest client-side ts any device used: the stored rows are counted from {@code baseTs} to here. */
    public long lastTs() {
        final long sentByBusiest = publishers.stream()
                .mapToLong(publisher -> publisher.seq.get())
                .max()
                .orElse(0);
        return TelemetryPayload.ts(baseTs, Math.max(0, sentByBusiest - 1));
    }

    private boolean send(final Publisher publisher, final boolean chain) {
        if (stopped.get() || budget.getAndDecrement() <= 0) {
            if (!stopped.getAndSet(true)) {
                tracker.endWindowAt(System.nanoTime());
            }
            return false;
        }
        final long seq = publisher.seq.getAndIncrement();
        final byte[] payload = TelemetryPayload.of(TelemetryPayload.ts(baseTs, seq), seq);
        publisher.inflight.incrementAndGet();
        final long sent = System.nanoTime();
        tracker.sent(sent);
        publisher.client.publish(TelemetryPayload.TOPIC, payload, qos).thenAccept(failure -> {
            final long now = System.nanoTime();
            publisher.inflight.decrementAndGet();
            tracker.answered(sent, now, failure);
            // An MQTT 3.1.1 device is disconnected on a failure: its chain ends there.
            if (chain && now < chainUntilNanos && (failure.isEmpty() || publisher.client.isConnected())) {
                send(publisher, true);
            }
        });
        return true;
    }
}
