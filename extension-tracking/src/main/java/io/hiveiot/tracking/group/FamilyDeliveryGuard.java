package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;

import java.util.Optional;

/**
 * Keeps a family's messages inside its account for a client that may subscribe with a wildcard first level
 * ({@code #} of a root-space device, a role configured in hive-iot-auth with {@code +/#}, a client without
 * hive-iot-auth): such a filter matches every family's topics, and HiveMQ checks a subscription's filter, never the
 * topics it later matches. So each delivery of a family topic to such a client is checked against its account, and
 * dropped (and counted) for any other account. Every other client gets no guard, so its deliveries pass through no
 * interceptor of this extension: {@link FamilySubscriptions} refuses it another account's families, and
 * {@link HandedOverSubscriptions} removes its subscriptions to a family that changes hands.
 */
public final class FamilyDeliveryGuard implements PublishOutboundInterceptor {

    private final Optional<String> account;
    private final Families families;
    private final GroupMetrics metrics;

    private FamilyDeliveryGuard(final Optional<String> account, final Families families, final GroupMetrics metrics) {
        this.account = account;
        this.families = families;
        this.metrics = metrics;
    }

    /**
     * The guard for a new connection, if it needs one.
     *
     * @param account     the connection's account; empty for a client without an identity
     * @param permissions its default permissions as its initializer sees them: hive-iot-auth set them at
     *                    authentication, which comes before, and nothing widens them afterwards
     */
    public static Optional<FamilyDeliveryGuard> forConnection(
            final Optional<String> account,
            final ModifiableDefaultPermissions permissions,
            final Families families,
            final GroupMetrics metrics) {
        if (!SubscribePermissions.mayAllow(permissions, SubscribePermissions::wildcard)) {
            return Optional.empty();
        }
        metrics.guardedConnections.inc();
        return Optional.of(new FamilyDeliveryGuard(account, families, metrics));
    }

    @Override
    public void onOutboundPublish(final PublishOutboundInput input, final PublishOutboundOutput output) {
        final Optional<Family> family =
                families.ofTopic(input.getPublishPacket().getTopic());
        if (family.isPresent() && !account.equals(Optional.of(family.get().account()))) {
            metrics.foreignDeliveriesDropped.inc();
            output.preventPublishDelivery();
        }
    }
}
