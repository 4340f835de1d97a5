package io.hiveiot.deviceapi.device;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.rpc.RpcEvents;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.registry.api.DeviceStream;
import io.hiveiot.registry.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code telemetry} and {@code attributes} events of committed data on the account's stream
 * ({@link DeviceStream}). Events are built and published on a thread of their own, so neither the writer thread
 * (where commits complete) nor a broker thread does that work; when applications cannot keep up and its queue
 * is full, events are dropped and counted, never the device's data.
 * <p>
 * Shapes of {@code data}: telemetry {@code {"ts":..,"values":{..}}}, one event per timestamp of the message;
 * attributes {@code {"scope":"client","values":{..}}} with every attribute of the message, and for shared attributes
 * an application set {@code {"scope":"shared","values":{..}}} (what changed) or deleted
 * {@code {"scope":"shared","deleted":[..]}}; rpc as {@link io.hiveiot.deviceapi.rpc} describes it.
 */
public final class DeviceEvents implements RpcEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceEvents.class);
    /** Numbers keep their spelling ({@code 1.50} stays {@code 1.50}) inside JSON values. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final int QUEUE_CAPACITY = 10_000;

    private final DeviceApiMetrics metrics;
    private final ThreadPoolExecutor executor;

    public DeviceEvents(final DeviceApiMetrics metrics) {
        this.metrics = metrics;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
            final var thread = new Thread(runnable, "hive-iot-device-api-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    void telemetry(final ClientIdentity device, final long receivedAt, final List<TsKvBatch> batches) {
        submit(() -> {
            for (final TsKvBatch batch : batches) {
                final ObjectNode data = DeviceStream.data().put("ts", batch.ts());
                data.set("values", values(batch.entries()));
                publish(device, "telemetry", receivedAt, data);
            }
        });
    }

    void attributes(final ClientIdentity device, final long receivedAt, final List<KeyValue> entries) {
        submit(() -> {
            final ObjectNode data = DeviceStream.data().put("scope", "client");
            data.set("values", values(entries));
            publish(device, "attributes", receivedAt, data);
        });
    }

    /** Shared attributes an application changed ({@code values}) or deleted ({@code deleted}). */
    public void sharedAttributes(final DeviceRef device, final List<KeyValue> changed, final Set<String> deleted) {
        submit(() -> {
            final ObjectNode data = DeviceStream.data().put("scope", "shared");
            if (!changed.isEmpty()) {
                data.set("values", values(changed));
            }
            if (!deleted.isEmpty()) {
                deleted.stream().sorted().forEach(data.putArray("deleted")::add);
            }
            DeviceStream.publish(device.account(), device.device(), device.deviceId(), "attributes",
                    System.currentTimeMillis(), data);
        });
    }

    @Override
    public void rpc(final DeviceRef device, final ObjectNode data) {
        submit(() -> DeviceStream.publish(device.account(), device.device(), device.deviceId(), "rpc",
                System.currentTimeMillis(), data));
    }

    private void submit(final Runnable event) {
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

    private static void publish(final ClientIdentity device, final String event, final long ts,
                                final ObjectNode data) {
        DeviceStream.publish(device.account(), device.deviceName(), device.deviceId(), event, ts, data);
    }

    private static ObjectNode values(final List<KeyValue> entries) {
        try {
            return (ObjectNode) JSON.readTree(KeyValue.toJsonObject(entries));
        } catch (final IOException e) {
            throw new IllegalStateException("stored values always form a JSON object", e);
        }
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
