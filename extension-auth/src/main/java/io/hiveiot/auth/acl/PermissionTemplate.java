package io.hiveiot.auth.acl;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.hiveiot.registry.identity.ClientIdentity;

/**
 * A topic permission with {@code ${account}}, {@code ${device}} and {@code ${client-id}}
 * placeholders, made concrete for one client at CONNECT.
 */
record PermissionTemplate(String topicFilter, TopicPermission.MqttActivity activity, TopicPermission.Retain retain,
                          TopicPermission.SharedSubscription shared) {

    static PermissionTemplate subscribe(final String topicFilter) {
        return new PermissionTemplate(topicFilter, TopicPermission.MqttActivity.SUBSCRIBE, TopicPermission.Retain.ALL,
                TopicPermission.SharedSubscription.NOT_SHARED);
    }

    /** A subscription that may also be shared ({@code $share/<group>/<filter>}), for load-balanced backends. */
    static PermissionTemplate subscribeShared(final String topicFilter) {
        return new PermissionTemplate(topicFilter, TopicPermission.MqttActivity.SUBSCRIBE, TopicPermission.Retain.ALL,
                TopicPermission.SharedSubscription.ALL);
    }

    static PermissionTemplate publishNotRetained(final String topicFilter) {
        return new PermissionTemplate(topicFilter, TopicPermission.MqttActivity.PUBLISH,
                TopicPermission.Retain.NOT_RETAINED, TopicPermission.SharedSubscription.NOT_SHARED);
    }

    static PermissionTemplate publishAndSubscribe(final String topicFilter) {
        return new PermissionTemplate(topicFilter, TopicPermission.MqttActivity.ALL, TopicPermission.Retain.ALL,
                TopicPermission.SharedSubscription.NOT_SHARED);
    }

    TopicPermission resolve(final ClientIdentity identity) {
        String filter = topicFilter;
        if (filter.contains("${account}")) {
            filter = filter.replace("${account}", safe(identity.account()));
        }
        if (filter.contains("${device}")) {
            filter = filter.replace("${device}", safe(identity.deviceName()));
        }
        if (filter.contains("${client-id}")) {
            filter = filter.replace("${client-id}", safe(identity.clientId()));
        }
        return Builders.topicPermission()
                .topicFilter(filter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(activity)
                .qos(TopicPermission.Qos.ALL)
                .retain(retain)
                .sharedSubscription(shared)
                .build();
    }

    /**
     * A value substituted into a filter must stay one topic level: with {@code /}, {@code +} or
     * {@code #} a client could widen its own permissions (file-rbac rejects these the same way).
     */
    private static String safe(final String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw new IllegalArgumentException("identity value cannot be used in a topic filter: '" + value + "'");
        }
        return value;
    }
}
