package io.hiveiot.deviceapi.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.rpc.RpcEvents;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.kit.api.DeviceStream;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Publishes {@code telemetry} and {@code attributes} events of committed data on the account's stream
 * ({@link DeviceStream}). Events are built and published on a thread of their own, so neither the writer thread
 * (where commits complete) nor a broker thread does that work; when applications cannot keep up and its queue
 * is full, events are dropped and counted, never the device's data. Events of an account whose stream nobody
 * can have subscribed to ({@link StreamSubscriptions}) are neither built nor published, only counted.
 * <p>
 * Shapes of {@code data}: telemetry {@code {"ts":..,"values":{..}}}, one event per timestamp of the message;
 * attributes {@code {"scope":"client","values":{..}}} with every attribute of the message, and for shared attributes
 * an application set {@code {"scope":"shared","values":{..}}} (what changed) or deleted
 * {@code {"scope":"shared","deleted":[..]}}; rpc as {@link io.hiveiot.deviceapi.rpc} describes it.
 */
public final class DeviceEvents implements RpcEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceEvents.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final DeviceApiMetrics metrics;
    private final StreamSubscriptions subscriptions;
    private final ThreadPoolExecutor executor;

    public DeviceEvents(final DeviceApiMetrics metrics, final StreamSubscriptions subscriptions) {
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.executor = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    final var thread = new Thread(runnable, "hive-iot-device-api-events");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void telemetry(final ClientIdentity device, final long receivedAt, final List<TsKvBatch> batches) {
        submit(device.account(), () -> {
            for (final TsKvBatch batch : batches) {
                publish(
                        device,
                        "telemetry",
                        receivedAt,
                        "{\"ts\":" + batch.ts() + ",\"values\":" + KeyValue.toJsonObject(batch.entries()) + "}");
            }
        });
    }

    void attributes(final ClientIdentity device, final long receivedAt, final List<KeyValue> entries) {
        submit(
                device.account(),
                () -> publish(
                        device,
                        "attributes",
                        receivedAt,
                        "{\"scope\":\"client\",\"values\":" + KeyValue.toJsonObject(entries) + "}"));
    }

    /** Shared attributes an application changed ({@code values}) or deleted ({@code deleted}). */
    public void sharedAttributes(final DeviceRef device, final List<KeyValue> changed, final Set<String> deleted) {
        submit(device.account(), () -> {
            final StringBuilder data = new StringBuilder("{\"scope\":\"shared\"");
            if (!changed.isEmpty()) {
                data.append(",\"values\":").append(KeyValue.toJsonObject(changed));
            }
            if (!deleted.isEmpty()) {
                data.append(",\"deleted\":")
                        .append(deleted.stream()
                                .sorted()
                                .map(CompactJson::quote)
                                .collect(Collectors.joining(",", "[", "]")));
            }
            DeviceStream.publishJson(
                    device.account(),
                    device.device(),
                    device.deviceId(),
                    "attributes",
                    System.currentTimeMillis(),
                    data.append('}').toString());
        });
    }

    @Override
    public void rpc(final DeviceRef device, final ObjectNode data) {
        submit(
                device.account(),
                () -> DeviceStream.publish(
                        device.account(), device.device(), device.deviceId(), "rpc", System.currentTimeMillis(), data));
    }

    private void submit(final String account, final Runnable event) {
        if (!subscriptions.mayReach(account)) {
            metrics.eventsUnsubscribed.inc();
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    event.run();
                } catch (final RuntimeException e) {
                    metrics.eventsDropped.inc();
                    log.debug("hive-iot-device-api: event not published: {}", e.toString());
                }
            });
        } catch (final RejectedExecutionException e) {
            metrics.eventsDropped.inc();
        }
    }

    /** Values are written as stored (a DOUBLE keeps its {@code .0}), as text once: no tree, no second pass. */
    private static void publish(final ClientIdentity device, final String event, final long ts, final String dataJson) {
        DeviceStream.publishJson(device.account(), device.deviceName(), device.deviceId(), event, ts, dataJson);
    }

    /** Publishes what is queued (for at most a few seconds), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
