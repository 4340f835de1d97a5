package io.hiveiot.tracking;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.hiveiot.tracking.tracker.BadTrackerMessage;

import java.util.EnumMap;
import java.util.Map;

/** The extension's metrics in HiveMQ's registry, all under {@value #PREFIX}. */
public final class TrackingMetrics {

    public static final String PREFIX = "hive-iot.tracking.";

    public final Counter updates;
    public final Counter gets;
    public final Counter pings;
    public final Counter overloaded;
    public final Counter storageErrors;
    public final Counter asyncTimeouts;
    public final Counter unacknowledgedFailures;
    public final Counter documentsPublished;
    public final Counter publishFailures;
    public final Counter groupMessages;
    public final Counter groupDeliveries;
    public final Counter groupRefused;
    public final Counter foreignDeliveriesDropped;
    /** From a QoS 1/2 message's arrival to its answer. */
    public final Timer commitWait;
    private final Map<BadTrackerMessage.Kind, Counter> badInput = new EnumMap<>(BadTrackerMessage.Kind.class);

    public TrackingMetrics(final MetricRegistry registry) {
        updates = registry.counter(PREFIX + "messages.update");
        gets = registry.counter(PREFIX + "messages.get");
        pings = registry.counter(PREFIX + "messages.ping");
        overloaded = registry.counter(PREFIX + "refused.overloaded");
        storageErrors = registry.counter(PREFIX + "refused.storage-error");
        asyncTimeouts = registry.counter(PREFIX + "async-timeouts");
        unacknowledgedFailures = registry.counter(PREFIX + "qos0.failed");
        documentsPublished = registry.counter(PREFIX + "documents.published");
        publishFailures = registry.counter(PREFIX + "documents.failed");
        groupMessages = registry.counter(PREFIX + "groups.messages");
        groupDeliveries = registry.counter(PREFIX + "groups.fan-out");
        groupRefused = registry.counter(PREFIX + "groups.refused");
        foreignDeliveriesDropped = registry.counter(PREFIX + "groups.foreign-deliveries-dropped");
        commitWait = registry.timer(PREFIX + "commit-wait");
        for (final BadTrackerMessage.Kind kind : BadTrackerMessage.Kind.values()) {
            badInput.put(kind, registry.counter(PREFIX + "bad-input." + kind.metricName()));
        }
    }

    public void badInput(final BadTrackerMessage.Kind kind) {
        badInput.get(kind).inc();
    }
}
