package io.hiveiot.auth.connect;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.hiveiot.auth.credential.Refusal;

import java.util.EnumMap;
import java.util.Map;

/** {@code hive-iot.auth.connects.accepted} and {@code hive-iot.auth.connects.refused.<reason>}. */
public final class ConnectMetrics {

    public static final String PREFIX = "hive-iot.auth.connects.";

    private final Counter accepted;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    public ConnectMetrics(final MetricRegistry registry) {
        this.accepted = registry.counter(PREFIX + "accepted");
        for (final Refusal refusal : Refusal.values()) {
            refused.put(refusal, registry.counter(PREFIX + "refused." + refusal.metricName()));
        }
    }

    void accepted() {
        accepted.inc();
    }

    void refused(final Refusal refusal) {
        refused.get(refusal).inc();
    }
}
