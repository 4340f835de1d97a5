package io.hiveiot.tracking.group;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;

import java.util.function.Predicate;

/** What a client's default permissions let it subscribe to, judged by a filter's first level. */
final class SubscribePermissions {

    private static final String SHARED_PREFIX = "$share/";

    private SubscribePermissions() {}

    /**
     * Whether a permission could allow a subscription whose first level passes {@code firstLevel}: an allowing
     * permission for subscribing whose own first level does, or no permission at all with a default of ALLOW (a
     * client without hive-iot-auth).
     */
    static boolean mayAllow(final ModifiableDefaultPermissions permissions, final Predicate<String> firstLevel) {
        if (permissions.asList().isEmpty()) {
            return permissions.getDefaultBehaviour() == DefaultAuthorizationBehaviour.ALLOW;
        }
        for (final TopicPermission permission : permissions.asList()) {
            if (permission.getType() == TopicPermission.PermissionType.ALLOW
                    && permission.getActivity() != TopicPermission.MqttActivity.PUBLISH
                    && firstLevel.test(firstLevel(permission.getTopicFilter()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a first level is a wildcard, so the filter matches every family's topics too. */
    static boolean wildcard(final String firstLevel) {
        return firstLevel.equals("#") || firstLevel.equals("+");
    }

    static String firstLevel(final String filter) {
        final int slash = filter.indexOf('/');
        return slash < 0 ? filter : filter.substring(0, slash);
    }

    /** {@code $share/<group>/<filter>} subscribes to {@code <filter>}. */
    static String withoutShareGroup(final String filter) {
        if (!filter.startsWith(SHARED_PREFIX)) {
            return filter;
        }
        final int slash = filter.indexOf('/', SHARED_PREFIX.length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }
}
