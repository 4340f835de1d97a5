package io.hiveiot.auth.acl;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.hiveiot.kit.identity.ClientIdentity;

import java.util.Optional;
import java.util.Set;

/**
 * A topic permission with {@code ${account}}, {@code ${device}}, {@code ${client-id}} and
 * {@code ${username}} placeholders, made concrete for one client at CONNECT.
 */
public record PermissionTemplate(
        String topicFilter,
        TopicPermission.MqttActivity activity,
        TopicPermission.Retain retain,
        TopicPermission.SharedSubscription shared) {

    static PermissionTemplate subscribe(final String topicFilter) {
        return new PermissionTemplate(
                topicFilter,
                TopicPermission.MqttActivity.SUBSCRIBE,
                TopicPermission.Retain.ALL,
                TopicPermission.SharedSubscription.NOT_SHARED);
    }

    /** A subscription that may also be shared ({@code $share/<group>/<filter>}), for load-balanced backends. */
    static PermissionTemplate subscribeShared(final String topicFilter) {
        return new PermissionTemplate(
                topicFilter,
                TopicPermission.MqttActivity.SUBSCRIBE,
                TopicPermission.Retain.ALL,
                TopicPermission.SharedSubscription.ALL);
    }

    static PermissionTemplate publishNotRetained(final String topicFilter) {
        return new PermissionTemplate(
                topicFilter,
                TopicPermission.MqttActivity.PUBLISH,
                TopicPermission.Retain.NOT_RETAINED,
                TopicPermission.SharedSubscription.NOT_SHARED);
    }

    static PermissionTemplate publishAndSubscribe(final String topicFilter) {
        return new PermissionTemplate(
                topicFilter,
                TopicPermission.MqttActivity.ALL,
                TopicPermission.Retain.ALL,
                TopicPermission.SharedSubscription.NOT_SHARED);
    }

    public static final Set<String> PLACEHOLDERS = Set.of("${account}", "${device}", "${client-id}", "${username}");

    /** Whether the template resolves to the same permission for every client. */
    boolean constant() {
        return PLACEHOLDERS.stream().noneMatch(topicFilter::contains);
    }

    /**
     * @param username the MQTT username, only for credentials whose username is not a secret (never
     *                 an access token); a template using it is skipped without one
     * @return empty when the template needs a value this client does not have
     */
    Optional<TopicPermission> resolve(final ClientIdentity identity, final Optional<String> username) {
        String filter = topicFilter;
        if (filter.contains("${username}")) {
            if (username.isEmpty()) {
                return Optional.empty();
            }
            filter = filter.replace("${username}", safe(username.get()));
        }
        if (filter.contains("${device}") && identity.deviceName() == null) {
            return Optional.empty();
        }
        if (filter.contains("${account}")) {
            filter = filter.replace("${account}", safe(identity.account()));
        }
        if (filter.contains("${device}")) {
            filter = filter.replace("${device}", safe(identity.deviceName()));
        }
        if (filter.contains("${client-id}")) {
            filter = filter.replace("${client-id}", safe(identity.clientId()));
        }
        return Optional.of(Builders.topicPermission()
                .topicFilter(filter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(activity)
                .qos(TopicPermission.Qos.ALL)
                .retain(retain)
                .sharedSubscription(shared)
                .build());
    }

    /**
     * A value substituted into a filter must stay one topic level: with {@code /}, {@code +} or
     * {@code #} a client could widen its own permissions (file-rbac rejects these the same way).
     */
    private static String safe(final String value) {
        if (value == null
                || value.isEmpty()
                || value.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw new IllegalArgumentException("identity value cannot be used in a topic filter: '" + value + "'");
        }
        return value;
    }
}
