package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;

import java.util.Optional;

/**
 * Decides subscriptions to family topics, which this extension owns: a device or application of the family's
 * account may subscribe to any filter inside the family ({@code foxtrackr/#}, {@code foxtrackr/+/V3.0/bat}), so that
 * a family made through the tracking service is usable at once, without a role edit; every other client is refused
 * (SUBACK 0x87). Every other filter is left to the next authorizer or, as there is none, to the default
 * permissions hive-iot-auth set at CONNECT: HiveMQ applies those whenever the authorizers pass.
 * <p>
 * A filter that does not name a family in its first level ({@code #}, {@code +/12345/V3.0/bat}) is also left to
 * the default permissions; what such a subscription would receive of another account's family is dropped by the
 * {@link FamilyDeliveryGuard}.
 */
public final class FamilySubscriptions implements SubscriptionAuthorizer {

    private static final String SHARED_PREFIX = "$share/";

    private final Families families;
    private final boolean identityFallback;

    public FamilySubscriptions(final Families families, final boolean identityFallback) {
        this.families = families;
        this.identityFallback = identityFallback;
    }

    @Override
    public void authorizeSubscribe(final SubscriptionAuthorizerInput input, final SubscriptionAuthorizerOutput output) {
        final Optional<Family> family = families.ofTopic(withoutShareGroup(input.getSubscription().getTopicFilter()));
        if (family.isEmpty()) {
            output.nextExtensionOrDefault();
            return;
        }
        final Optional<ClientIdentity> client = ClientIdentity.of(
                input.getConnectionInformation().getConnectionAttributeStore(),
                input.getClientInformation().getClientId(), identityFallback);
        if (client.isPresent() && client.get().role() != Role.PROVISION
                && client.get().account().equals(family.get().account())) {
            output.authorizeSuccessfully();
        } else {
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "family " + family.get().name()
                    + " belongs to another account");
        }
    }

    /** {@code $share/<group>/<filter>} subscribes to {@code <filter>}. */
    private static String withoutShareGroup(final String filter) {
        if (!filter.startsWith(SHARED_PREFIX)) {
            return filter;
        }
        final int slash = filter.indexOf('/', SHARED_PREFIX.length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }
}
