package io.hiveiot.tracking.group;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** The group topics' metrics, under the extension's prefix. */
public final class GroupMetrics {

    final Counter messages;
    final Counter deliveries;
    final Counter refused;
    final Counter foreignDeliveriesDropped;
    final Counter guardedConnections;
    final Counter subscriptionsRemoved;

    public GroupMetrics(final MetricRegistry registry, final String prefix) {
        messages = registry.counter(prefix + "groups.messages");
        deliveries = registry.counter(prefix + "groups.fan-out");
        refused = registry.counter(prefix + "groups.refused");
        foreignDeliveriesDropped = registry.counter(prefix + "groups.foreign-deliveries-dropped");
        guardedConnections = registry.counter(prefix + "groups.guarded-connections");
        subscriptionsRemoved = registry.counter(prefix + "groups.subscriptions-removed");
    }
}
