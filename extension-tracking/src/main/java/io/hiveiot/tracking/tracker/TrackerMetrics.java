package io.hiveiot.tracking.tracker;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

import java.util.EnumMap;
import java.util.Map;

/** The iotBind tracking protocol's metrics, under the extension's prefix. */
public final class TrackerMetrics {

    final Counter updates;
    final Counter gets;
    final Counter pings;
    final Counter documentsPublished;
    final Counter publishFailures;
    private final Map<BadTrackerMessage.Kind, Counter> badInput = new EnumMap<>(BadTrackerMessage.Kind.class);

    public TrackerMetrics(final MetricRegistry registry, final String prefix) {
        updates = registry.counter(prefix + "messages.update");
        gets = registry.counter(prefix + "messages.get");
        pings = registry.counter(prefix + "messages.ping");
        documentsPublished = registry.counter(prefix + "documents.published");
        publishFailures = registry.counter(prefix + "documents.failed");
        for (final BadTrackerMessage.Kind kind : BadTrackerMessage.Kind.values()) {
            badInput.put(kind, registry.counter(prefix + "bad-input." + kind.metricName()));
        }
    }

    void badInput(final BadTrackerMessage.Kind kind) {
        badInput.get(kind).inc();
    }
}
