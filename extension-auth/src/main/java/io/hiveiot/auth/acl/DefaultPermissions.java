package io.hiveiot.auth.acl;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.GatewayTopic;
import io.hiveiot.kit.thingsboard.ShortTopic;
import io.hiveiot.kit.thingsboard.ShortTopic.Format;
import io.hiveiot.kit.topic.TopicSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.hiveiot.auth.acl.PermissionTemplate.publishAndSubscribe;
import static io.hiveiot.auth.acl.PermissionTemplate.publishNotRetained;
import static io.hiveiot.auth.acl.PermissionTemplate.subscribe;
import static io.hiveiot.auth.acl.PermissionTemplate.subscribeShared;

/**
 * The topic permissions a client gets at CONNECT, as the client's default permissions rather than
 * an {@code Authorizer} (registering one would deny every client that has none). The built-in
 * roles below apply unless the config's {@code <roles>} replaces a role's list (reloaded without
 * restart).
 * <p>
 * A DEVICE may subscribe in its device-API namespace (exact reply topics included, as
 * {@code mosquitto_rr} subscribes to them) but has no publish permission there: its publishes are
 * consumed by the extension that owns the topic, and without that extension they are refused instead
 * of being routed to other clients. Replies go to the one device with {@code publishToClient}, so a
 * device subscribed to {@code v1/devices/me/#} never sees another device's messages. The account's
 * free topic space {@code accounts/<account>/#} is open to its devices both ways. The devices of an account that
 * holds the root topic space may also publish and subscribe anywhere outside the platform's namespaces: after
 * their role's permissions come denials of the platform's namespaces, then everything else (a root-space device
 * may subscribe to {@code #}; hive-iot-auth then keeps other accounts' deliveries from it, see
 * {@code RootSpaceDeliveries}).
 * <p>
 * An APP (or ADMIN) may publish requests to its account's services and subscribe to its account's
 * device streams (shared subscriptions included) and to the responses; it can neither fake device
 * events nor answer requests. The account id never stands first in a topic, so no account id can
 * collide with a platform namespace.
 */
public final class DefaultPermissions {

    /**
     * Only filters something is published to: ThingsBoard's own list of device subscriptions (attribute pushes,
     * RPC requests, the reply topics, in their v1 and short forms, firmware chunks and their errors).
     */
    private static final List<PermissionTemplate> DEVICE = List.of(
            subscribe(DeviceTopic.ATTRIBUTES),
            subscribe(DeviceTopic.ATTRIBUTE_RESPONSE_PREFIX + "+"),
            subscribe(DeviceTopic.RPC_REQUEST_PREFIX + "+"),
            subscribe(DeviceTopic.RPC_RESPONSE_PREFIX + "+"),
            subscribe(ShortTopic.ATTRIBUTES.filter(Format.PROFILE)),
            subscribe(ShortTopic.ATTRIBUTES.filter(Format.JSON)),
            subscribe(ShortTopic.ATTRIBUTES.filter(Format.PROTOBUF)),
            subscribe(ShortTopic.ATTRIBUTE_RESPONSE.filter(Format.PROFILE)),
            subscribe(ShortTopic.ATTRIBUTE_RESPONSE.filter(Format.JSON)),
            subscribe(ShortTopic.ATTRIBUTE_RESPONSE.filter(Format.PROTOBUF)),
            subscribe(ShortTopic.RPC_REQUEST.filter(Format.PROFILE)),
            subscribe(ShortTopic.RPC_REQUEST.filter(Format.JSON)),
            subscribe(ShortTopic.RPC_REQUEST.filter(Format.PROTOBUF)),
            subscribe(ShortTopic.RPC_RESPONSE.filter(Format.PROFILE)),
            subscribe(ShortTopic.RPC_RESPONSE.filter(Format.JSON)),
            subscribe(ShortTopic.RPC_RESPONSE.filter(Format.PROTOBUF)),
            subscribe(DeviceTopic.FIRMWARE_PREFIX + "response/+/chunk/+"),
            subscribe(DeviceTopic.SOFTWARE_PREFIX + "response/+/chunk/+"),
            subscribe(DeviceTopic.FIRMWARE_ERROR),
            publishAndSubscribe("accounts/${account}/#"));

    /** What a gateway receives beyond a device: pushes and RPC requests for its sub-devices, attribute answers. */
    private static final List<PermissionTemplate> GATEWAY = List.of(
            subscribe(GatewayTopic.ATTRIBUTES),
            subscribe(GatewayTopic.RPC),
            subscribe(GatewayTopic.ATTRIBUTES_RESPONSE));

    private static final List<PermissionTemplate> APP = List.of(
            publishNotRetained("users/${account}/api/+/request/+"),
            subscribeShared("users/${account}/devices"),
            subscribeShared("users/${account}/devices/#"),
            subscribe("users/${account}/api/+/response/+"));

    /** ThingsBoard's topics, and the seed's {@code /provision} as an alias of the request topic. */
    private static final List<PermissionTemplate> PROVISION = List.of(
            publishNotRetained("/provision/request"),
            publishNotRetained("/provision"),
            subscribe("/provision/response"));

    /** Namespaces a root-space device may neither publish nor subscribe to, unless its role allows it before. */
    private static final List<String> PLATFORM_FILTERS =
            List.of("v1/#", "v2/#", "users/#", "accounts/#", "iotbind/#", "/provision", "/provision/#");

    /** The built-in permissions of every role. */
    public static final Map<Role, List<PermissionTemplate>> BUILT_IN =
            Map.of(Role.DEVICE, DEVICE, Role.APP, APP, Role.ADMIN, APP, Role.PROVISION, PROVISION);

    private final Supplier<Map<Role, List<PermissionTemplate>>> configured;
    /**
     * The permission of each template without placeholders, built once: most of a device's permissions, which
     * every CONNECT would otherwise build and validate anew (permissions are immutable, so clients share them);
     * empty for a template with placeholders.
     */
    private final Map<PermissionTemplate, Optional<TopicPermission>> constants = new ConcurrentHashMap<>();

    /** @param configured the roles the current config replaces (read on every CONNECT, so reloads apply) */
    public DefaultPermissions(final Supplier<Map<Role, List<PermissionTemplate>>> configured) {
        this.configured = configured;
    }

    /**
     * Replaces the client's default permissions with those of its role (and of its account's topic space, for a
     * device); everything else is denied.
     *
     * @param username the MQTT username when it is no secret (basic credentials, applications)
     * @param extra    the credential's own permissions beyond its role's
     * @param gateway  whether the device is a gateway, which also subscribes to the gateway API's answers
     * @param profile  the device's profile, whose filter for shared-attribute pushes it may subscribe to
     */
    public void apply(
            final ClientIdentity identity,
            final TopicSpace topicSpace,
            final Optional<String> username,
            final List<PermissionTemplate> extra,
            final boolean gateway,
            final DeviceProfile profile,
            final ModifiableDefaultPermissions permissions) {
        final List<PermissionTemplate> templates =
                configured.get().getOrDefault(identity.role(), BUILT_IN.get(identity.role()));
        final List<PermissionTemplate> device = new ArrayList<>(extra);
        if (identity.role() == Role.DEVICE && gateway) {
            device.addAll(GATEWAY);
        }
        if (identity.role() == Role.DEVICE
                && !profile.attributesSubscribeTopic().equals(DeviceTopic.ATTRIBUTES)) {
            device.add(subscribe(profile.attributesSubscribeTopic()));
        }
        final var resolved = new ArrayList<TopicPermission>();
        Stream.concat(templates.stream(), device.stream())
                .flatMap(template -> resolve(template, identity, username).stream())
                .forEach(resolved::add);
        if (identity.role() == Role.DEVICE && topicSpace.root()) {
            resolved.addAll(rootSpace(topicSpace));
        }
        permissions.clear();
        permissions.addAll(resolved);
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }

    private Optional<TopicPermission> resolve(
            final PermissionTemplate template, final ClientIdentity identity, final Optional<String> username) {
        final Optional<TopicPermission> constant = constants.computeIfAbsent(
                template, known -> known.constant() ? known.resolve(identity, username) : Optional.empty());
        return constant.isPresent() ? constant : template.resolve(identity, username);
    }

    /** The account's own topics, no platform namespace, then every other topic. */
    private static List<TopicPermission> rootSpace(final TopicSpace space) {
        final var root = new ArrayList<TopicPermission>();
        root.add(permission(space.accountPrefix() + "#", TopicPermission.PermissionType.ALLOW));
        PLATFORM_FILTERS.forEach(filter -> root.add(permission(filter, TopicPermission.PermissionType.DENY)));
        root.add(permission("#", TopicPermission.PermissionType.ALLOW));
        return root;
    }

    private static TopicPermission permission(final String filter, final TopicPermission.PermissionType type) {
        return Builders.topicPermission()
                .topicFilter(filter)
                .type(type)
                .activity(TopicPermission.MqttActivity.ALL)
                .qos(TopicPermission.Qos.ALL)
                .retain(TopicPermission.Retain.ALL)
                .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED)
                .build();
    }
}
