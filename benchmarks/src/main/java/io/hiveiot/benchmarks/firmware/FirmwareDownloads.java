package io.hiveiot.benchmarks.firmware;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.hiveiot.benchmarks.load.DeviceClient;
import io.hiveiot.benchmarks.stats.LatencyRecorder;
import io.hiveiot.benchmarks.stats.LatencySummary;
import io.hiveiot.benchmarks.stats.RequestTracker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every device downloading the package as a ThingsBoard device does: one chunk request in flight (QoS 1, the chunk
 * size as decimal text), the next one when the previous chunk arrived, until the bytes received equal the package
 * size; then the SHA-256 of what arrived is compared with the package's. A device ends either completed (right
 * checksum) or failed, once, with a reason: {@code checksum mismatch}, {@code v2/fw/error <text>}, {@code request
 * <reason>} (a refused request publish), {@code no chunk within <n> s} or {@code message limit}; devices still
 * downloading at the time limit are {@linkplain #abandon abandoned}, neither. Chunk requests and their answers go through the {@link RequestTracker} (latency from the
 * request's publish call to the chunk's arrival).
 */
public final class FirmwareDownloads {

    private final List<Download> downloads;
    private final FirmwarePackage pkg;
    private final byte[] sizePayload;
    private final ChunkRoute route;
    private final RequestTracker tracker;
    private final AtomicLong budget;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder chunks = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicLong firstRequest = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastChunk = new AtomicLong(Long.MIN_VALUE);
    private final LatencyRecorder downloadTimes = new LatencyRecorder();

    /**
     * Installs each device's message handler: create it after the devices connected, before they download.
     *
     * @param maxMessages chunk requests of all devices together at most (the run's message limit)
     */
    public FirmwareDownloads(
            final List<DeviceClient> clients,
            final FirmwarePackage pkg,
            final int chunkSize,
            final ChunkRoute route,
            final RequestTracker tracker,
            final long maxMessages) {
        this.pkg = pkg;
        this.sizePayload = FirmwareMessages.chunkSizePayload(chunkSize);
        this.route = route;
        this.tracker = tracker;
        this.budget = new AtomicLong(maxMessages);
        this.downloads = clients.stream().map(Download::new).toList();
    }

    /** Every device asks for its first chunk. */
    public void startAll() {
        downloads.forEach(Download::start);
    }

    /** Fails the devices that waited longer than {@code timeoutNanos} for their chunk. */
    public void expire(final long nowNanos, final long timeoutNanos, final String reason) {
        downloads.forEach(download -> download.expire(nowNanos, timeoutNanos, reason));
    }

    /**
     * Stops every device still downloading (the time limit), without counting it as failed: a slow download is what
     * {@code mb_per_s} measures, not an error.
     */
    public void abandon() {
        downloads.forEach(Download::abandon);
    }

    /** Devices neither completed nor failed yet. */
    public long unfinished() {
        return downloads.size() - finished.get();
    }

    public boolean allFinished() {
        return finished.get() == downloads.size();
    }

    public int devices() {
        return downloads.size();
    }

    public long completed() {
        return completed.sum();
    }

    public long chunksReceived() {
        return chunks.sum();
    }

    public long bytesReceived() {
        return bytes.sum();
    }

    /** From the first chunk request to the last chunk's arrival, in ns; 0 before any chunk arrived. */
    public long elapsedNanos() {
        final long first = firstRequest.get();
        final long last = lastChunk.get();
        return first == Long.MAX_VALUE || last == Long.MIN_VALUE ? 0 : Math.max(0, last - first);
    }

    /** From a device's first request to its last chunk, over the completed devices. */
    public LatencySummary downloadTimes() {
        return downloadTimes.summary();
    }

    public Map<String, Long> failures() {
        final Map<String, Long> counted = new TreeMap<>();
        failures.forEach((reason, count) -> counted.put(reason, count.sum()));
        return counted;
    }

    /** One device's download; its chunks and its PUBACKs arrive on the MQTT client's threads. */
    private final class Download {
        private final DeviceClient client;
        private final String responsePrefix;
        private final MessageDigest digest = FirmwarePackage.sha256();
        private int next;
        private long received;
        private long started;
        /** When the outstanding request was sent; 0 when none is. */
        private long sentAt;

        private boolean done;

        Download(final DeviceClient client) {
            this.client = client;
            this.responsePrefix = route.responsePrefix(client.device());
            client.onMessage(this::message);
        }

        synchronized void start() {
            started = System.nanoTime();
            firstRequest.accumulateAndGet(started, Math::min);
            send();
        }

        private void message(final String topic, final byte[] payload) {
            final long now = System.nanoTime();
            if (topic.equals(FirmwareMessages.ERROR_TOPIC)) {
                fail("v2/fw/error " + new String(payload, StandardCharsets.UTF_8), now);
            } else if (topic.startsWith(responsePrefix)) {
                chunk(FirmwareMessages.chunkIndex(topic), payload, now);
            }
        }

        private synchronized void chunk(final int n, final byte[] payload, final long now) {
            if (done || sentAt == 0 || n != next) {
                return;
            }
            tracker.answered(sentAt, now, Optional.empty());
            sentAt = 0;
            chunks.increment();
            bytes.add(payload.length);
            lastChunk.accumulateAndGet(now, Math::max);
            if (payload.length == 0) {
                fail("empty chunk before the end", now);
                return;
            }
            digest.update(payload);
            received += payload.length;
            if (received < pkg.size()) {
                next++;
                send();
            } else if (received > pkg.size()) {
                fail("more bytes than the package", now);
            } else if (!HexFormat.of().formatHex(digest.digest()).equals(pkg.sha256Hex())) {
                fail("checksum mismatch", now);
            } else {
                done = true;
                completed.increment();
                downloadTimes.recordNanos(now - started);
                finished.incrementAndGet();
            }
        }

        private void send() {
            if (budget.getAndDecrement() <= 0) {
                fail("message limit", System.nanoTime());
                return;
            }
            final long sent = System.nanoTime();
            sentAt = sent;
            tracker.sent(sent);
            client.publish(route.requestTopic(client.device(), next), sizePayload, MqttQos.AT_LEAST_ONCE)
                    .thenAccept(failure -> failure.ifPresent(reason -> requestRefused(sent, reason)));
        }

        private synchronized void requestRefused(final long sent, final String reason) {
            if (sentAt == sent) {
                fail("request " + reason, System.nanoTime());
            }
        }

        synchronized void expire(final long now, final long timeoutNanos, final String reason) {
            if (sentAt != 0 && now - sentAt > timeoutNanos) {
                fail(reason, now);
            }
        }

        synchronized void abandon() {
            if (!done) {
                done = true;
                if (sentAt != 0) {
                    tracker.answered(sentAt, System.nanoTime(), Optional.of("abandoned"));
                    sentAt = 0;
                }
            }
        }

        synchronized void fail(final String reason, final long now) {
            if (done) {
                return;
            }
            done = true;
            if (sentAt != 0) {
                tracker.answered(sentAt, now, Optional.of(reason));
                sentAt = 0;
            }
            failures.computeIfAbsent(reason, key -> new LongAdder()).increment();
            finished.incrementAndGet();
        }
    }
}
