package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;

import java.util.Optional;

/**
 * Keeps a family's messages inside its account. {@link FamilySubscriptions} denies another account's filters that
 * name a family, but a filter with a wildcard first level ({@code #} of a root-space device, or a role configured in
 * hive-iot-auth with {@code +/#}) matches family topics too, and a subscription made before a family's name changed
 * hands (deleted, made again by another account) outlives the change. So each delivery of a family topic is checked
 * against the receiving connection's account, and dropped (and counted) for any other account.
 */
public final class FamilyDeliveryGuard implements PublishOutboundInterceptor {

    private final Optional<String> account;
    private final Families families;
    private final GroupMetrics metrics;

    /** @param account the receiving connection's account; empty for a client without an identity */
    public FamilyDeliveryGuard(final Optional<String> account, final Families families, final GroupMetrics metrics) {
        this.account = account;
        this.families = families;
        this.metrics = metrics;
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
