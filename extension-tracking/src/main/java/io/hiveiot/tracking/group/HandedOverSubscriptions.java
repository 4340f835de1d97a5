package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.subscription.SubscriptionsForClientResult;
import com.hivemq.extension.sdk.api.services.subscription.TopicSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes the subscriptions that name a family in their first level when the name changes hands (the family made,
 * deleted, or made again by another account), from every client of this node, connected or holding a persistent
 * session offline, except the connected clients of the new owner. Such a subscription was allowed for the name's
 * former owner (or before it was a family) and would otherwise outlive the change; the client's next SUBSCRIBE is
 * decided anew by {@link FamilySubscriptions}. Filters with a wildcard first level are left alone: the clients that
 * may hold them get {@link FamilyDeliveryGuard}.
 * <p>
 * The broker offers no lookup of subscriptions by filter prefix, so every subscription of the node is read once per
 * change, asynchronously on HiveMQ's extension executor; families change rarely.
 */
public final class HandedOverSubscriptions implements Families.HandOver {

    private static final Logger log = LoggerFactory.getLogger(HandedOverSubscriptions.class);

    private final ConnectedAccounts accounts;
    private final GroupMetrics metrics;

    public HandedOverSubscriptions(final ConnectedAccounts accounts, final GroupMetrics metrics) {
        this.accounts = accounts;
        this.metrics = metrics;
    }

    @Override
    public void changedHands(final String family, final Optional<String> owner) {
        Services.subscriptionStore()
                .iterateAllSubscriptions((context, client) -> removeFrom(client, family, owner))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        log.warn(
                                "hive-iot-tracking: subscriptions to family {} not removed after it changed hands: {}",
                                family,
                                failure.toString());
                    }
                });
    }

    private void removeFrom(
            final SubscriptionsForClientResult client, final String family, final Optional<String> owner) {
        final Set<String> naming = client.getSubscriptions().stream()
                .map(TopicSubscription::getTopicFilter)
                .filter(filter -> SubscribePermissions.firstLevel(SubscribePermissions.withoutShareGroup(filter))
                        .equals(family))
                .collect(Collectors.toSet());
        if (naming.isEmpty() || (owner.isPresent() && owner.equals(accounts.of(client.getClientId())))) {
            return;
        }
        Services.subscriptionStore()
                .removeSubscriptions(client.getClientId(), naming)
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        metrics.subscriptionsRemoved.inc(naming.size());
                    } else {
                        log.warn(
                                "hive-iot-tracking: subscriptions of {} to family {} not removed: {}",
                                client.getClientId(),
                                family,
                                failure.toString());
                    }
                });
    }
}
