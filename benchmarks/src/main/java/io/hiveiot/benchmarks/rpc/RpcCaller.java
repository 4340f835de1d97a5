package io.hiveiot.benchmarks.rpc;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.load.Device;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.stats.RequestTracker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application of the rpc scenario: sends requests round-robin to the devices, matches answers by
 * request id, and counts every request exactly once in the {@link RequestTracker}: answered, failed (the
 * {@code devices} service's error code, {@code request <reason>} for a refused request publish) or
 * {@code no answer} once it is older than {@code expiry}. Requests go to hive-iot's {@code devices} service
 * when an account is given, else to the plain MQTT request topics (see {@link RpcMessages}).
 */
public final class RpcCaller {

    private final DeviceClient app;
    private final Optional<String> serviceAccount;
    private final List<Device> devices;
    private final long timeoutMs;
    private final long expiryNanos;
    private final int inflight;
    private final RequestTracker tracker;
    private final String responsePrefix;
    /** Request id to the moment it was sent. */
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    /**
     * Request ids start at this run's start in ms x 1,000: hive-iot answers a (client, request id) once and
     * ignores it for 10 minutes after (a redelivery), so a second run with the same application client ID
     * must not reuse the first run's ids.
     */
    private final AtomicLong ids = new AtomicLong(firstId(System.currentTimeMillis()));

    /**
     * Installs the answer handler on {@code app}: create the caller before the application connects.
     *
     * @param timeout  what the service is told to wait for the device ({@code timeoutMs})
     * @param expiry   when an unanswered request counts as {@code no answer}
     * @param inflight unanswered requests at most
     */
    public RpcCaller(
            final DeviceClient app,
            final Optional<String> serviceAccount,
            final List<Device> devices,
            final Duration timeout,
            final Duration expiry,
            final int inflight,
            final RequestTracker tracker) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no devices to call");
        }
        this.app = app;
        this.serviceAccount = serviceAccount;
        this.devices = List.copyOf(devices);
        this.timeoutMs = timeout.toMillis();
        this.expiryNanos = expiry.toNanos();
        this.inflight = inflight;
        this.tracker = tracker;
        this.responsePrefix =
                serviceAccount.map(RpcMessages::serviceResponsePrefix).orElse("bench/");
        app.onMessage(this::answered);
    }

    static long firstId(final long nowMillis) {
        return nowMillis * 1_000;
    }

    /** Sends the next request; false when {@code inflight} requests are unanswered. */
    public boolean sendNext() {
        if (tracker.outstanding() >= inflight) {
            return false;
        }
        final long id = ids.getAndIncrement();
        final String device = devices.get((int) (id % devices.size())).name();
        final String topic = serviceAccount
                .map(account -> RpcMessages.serviceRequestTopic(account, id))
                .orElse(RpcMessages.plainRequestTopic(device, id));
        final byte[] payload = serviceAccount.isPresent()
                ? RpcMessages.serviceRequest(device, id, timeoutMs)
                : RpcMessages.plainRequest(id);
        final long sent = System.nanoTime();
        pending.put(id, sent);
        tracker.sent(sent);
        app.publish(topic, payload, MqttQos.AT_LEAST_ONCE)
                .thenAccept(failure -> failure.ifPresent(reason -> {
                    if (pending.remove(id, sent)) {
                        tracker.answered(sent, System.nanoTime(), Optional.of("request " + reason));
                    }
                }));
        return true;
    }

    /** Counts the requests older than the expiry as {@code no answer}. */
    public void expire(final long nowNanos) {
        pending.forEach((id, sent) -> {
            if (nowNanos - sent > expiryNanos && pending.remove(id, sent)) {
                tracker.answered(sent, nowNanos, Optional.of("no answer"));
            }
        });
    }

    private void answered(final String topic, final byte[] payload) {
        final long now = System.nanoTime();
        if (!topic.startsWith(responsePrefix)) {
            return;
        }
        final Long sent = pending.remove(RpcMessages.requestId(topic));
        if (sent != null) {
            tracker.answered(
                    sent, now, serviceAccount.isPresent() ? RpcMessages.serviceFailure(payload) : Optional.empty());
        }
    }
}
