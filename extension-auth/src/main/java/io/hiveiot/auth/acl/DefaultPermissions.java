package io.hiveiot.auth.acl;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import io.hiveiot.registry.identity.ClientIdentity;

import java.util.List;

import static com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity.ALL;
import static com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity.SUBSCRIBE;

/**
 * The topic permissions a client gets at CONNECT, as the client's default permissions rather than
 * an {@code Authorizer} (registering one would deny every client that has none).
 * <p>
 * A DEVICE may subscribe in its device-API namespace (exact reply topics included, as
 * {@code mosquitto_rr} subscribes to them) but has no publish permission there: its publishes are
 * consumed by the extension that owns the topic, and without that extension they are refused instead
 * of being routed to other clients. Replies go to the one device with {@code publishToClient}, so a
 * device subscribed to {@code v1/devices/me/#} never sees another device's messages. The account's
 * free topic space {@code accounts/<account>/#} is open to its devices both ways.
 */
public final class DefaultPermissions {

    private static final List<PermissionTemplate> DEVICE = List.of(
            new PermissionTemplate("v1/devices/me/#", SUBSCRIBE),
            new PermissionTemplate("v2/#", SUBSCRIBE),
            new PermissionTemplate("accounts/${account}/#", ALL));

    private DefaultPermissions() {
    }

    /** Replaces the client's default permissions with those of its role; everything else is denied. */
    public static void apply(final ClientIdentity identity, final ModifiableDefaultPermissions permissions) {
        final List<TopicPermission> resolved = switch (identity.role()) {
            case DEVICE -> DEVICE.stream().map(template -> template.resolve(identity)).toList();
            case APP, PROVISION, ADMIN -> List.of();
        };
        permissions.clear();
        permissions.addAll(resolved);
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
}
