package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lets a client subscribe to the families of its account, which this extension owns, without any role edit in
 * hive-iot-auth. When a SUBSCRIBE names a family in its first level ({@code foxtrackr/#},
 * {@code foxtrackr/+/V3.0/bat}, {@code $share/g/foxtrackr/#}), the client's default permissions, which HiveMQ checks
 * right after this interceptor, get a subscribe permission on the family if it belongs to the client's account, or
 * a denial in front of every other permission if it belongs to another account and one of the client's permissions
 * could allow it (the {@code #} of a root-space device, a role configured with {@code +/#}). Every other filter, and
 * every PUBLISH, stays with the permissions hive-iot-auth set. A decision is revised when the name has changed
 * hands since (a family deleted, made again by another account).
 * <p>
 * Why not a {@code SubscriptionAuthorizer}: with one registered, HiveMQ CE 2025.5 also runs an extension task for
 * every routed PUBLISH of every client (its publish authorization asks every authorizer provider), which
 * the benchmarks' {@code authorizer-cost} measures. This interceptor runs on SUBSCRIBEs only.
 * <p>
 * One per connection. Its calls run one after the other on the client's task queue, before HiveMQ authorizes the
 * same SUBSCRIBE, and nothing else changes a client's permissions after CONNECT.
 */
public final class FamilySubscriptions implements SubscribeInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FamilySubscriptions.class);

    /** The permissions added for a family name while {@code owner} held it. */
    private record Decision(String owner, List<TopicPermission> added) {}

    private final String account;
    private final Families families;
    private final ModifiableDefaultPermissions permissions;
    private final Map<String, Decision> decided = new HashMap<>();

    /**
     * @param account     the client's account
     * @param permissions the client's default permissions, as its initializer got them
     */
    public FamilySubscriptions(
            final String account, final Families families, final ModifiableDefaultPermissions permissions) {
        this.account = account;
        this.families = families;
        this.permissions = permissions;
    }

    @Override
    public void onInboundSubscribe(final SubscribeInboundInput input, final SubscribeInboundOutput output) {
        try {
            for (final Subscription subscription : input.getSubscribePacket().getSubscriptions()) {
                consider(SubscribePermissions.firstLevel(
                        SubscribePermissions.withoutShareGroup(subscription.getTopicFilter())));
            }
        } catch (final RuntimeException e) {
            // The SUBSCRIBE goes on with the permissions as they are.
            log.error(
                    "hive-iot-tracking: family subscriptions of {} not decided",
                    input.getClientInformation().getClientId(),
                    e);
        }
    }

    /** Decides a first level that names a family, unless decided for its owner already. */
    private void consider(final String name) {
        final Optional<Family> family = families.find(name);
        final Decision previous = decided.get(name);
        if (previous != null
                && family.map(Family::account).filter(previous.owner()::equals).isPresent()) {
            return;
        }
        if (previous != null) {
            decided.remove(name);
            previous.added().forEach(permissions::remove);
        }
        family.ifPresent(this::decide);
    }

    private void decide(final Family family) {
        // Adding a permission would turn a default of ALLOW (a client without hive-iot-auth) into DENY.
        permissions.setDefaultBehaviour(permissions.getDefaultBehaviour());
        final List<TopicPermission> added;
        if (family.account().equals(account)) {
            added = List.of(
                    permission(family.name(), TopicPermission.PermissionType.ALLOW),
                    permission(family.name() + "/#", TopicPermission.PermissionType.ALLOW));
            permissions.addAll(added);
        } else if (SubscribePermissions.mayAllow(
                permissions, first -> SubscribePermissions.wildcard(first) || first.equals(family.name()))) {
            added = List.of(
                    permission(family.name(), TopicPermission.PermissionType.DENY),
                    permission(family.name() + "/#", TopicPermission.PermissionType.DENY));
            // The SDK cannot insert in front: for the moment between clear and addAll this client is denied
            // everything, which only a client reaching for another account's family can meet.
            final List<TopicPermission> after = new ArrayList<>(permissions.asList());
            permissions.clear();
            final List<TopicPermission> all = new ArrayList<>(added);
            all.addAll(after);
            permissions.addAll(all);
        } else {
            added = List.of();
        }
        decided.put(family.name(), new Decision(family.account(), added));
    }

    private static TopicPermission permission(final String filter, final TopicPermission.PermissionType type) {
        return Builders.topicPermission()
                .topicFilter(filter)
                .type(type)
                .activity(TopicPermission.MqttActivity.SUBSCRIBE)
                .qos(TopicPermission.Qos.ALL)
                .retain(TopicPermission.Retain.ALL)
                .sharedSubscription(TopicPermission.SharedSubscription.ALL)
                .build();
    }
}
