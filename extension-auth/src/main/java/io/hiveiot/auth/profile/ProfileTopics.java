package io.hiveiot.auth.profile;

import java.util.List;
import java.util.Optional;

/**
 * Which topic filters a device profile may name for telemetry, attributes and the subscription to shared-attribute
 * pushes (ThingsBoard's "custom topic filters"). A device's publishes there are consumed by
 * hive-iot-device-api and never routed, so a filter must not reach into a namespace of the platform or of other
 * clients: applications' topics, the account topic spaces, the gateway and short device API, provisioning, or
 * {@code $} topics.
 */
public final class ProfileTopics {

    private static final List<String> RESERVED =
            List.of("users/", "accounts/", "v1/gateway/", "v2/", "/provision", "$");
    private static final int MAX_LENGTH = 255;

    private ProfileTopics() {}

    /** @return the problem with a filter, or empty when it may be used */
    public static Optional<String> filterProblem(final String filter) {
        if (filter.isEmpty() || filter.length() > MAX_LENGTH) {
            return Optional.of("is 1 to " + MAX_LENGTH + " characters");
        }
        if (filter.indexOf('\0') >= 0) {
            return Optional.of("must not contain NUL");
        }
        if (filter.startsWith("+")
                || filter.startsWith("#")
                || RESERVED.stream().anyMatch(filter::startsWith)) {
            return Optional.of("must not start with a wildcard or one of " + RESERVED);
        }
        final String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            final String level = levels[i];
            final boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.contains("+") || level.contains("#"))) {
                return Optional.of("has a wildcard that is not a whole level");
            }
            if (level.equals("#") && i != levels.length - 1) {
                return Optional.of("has '#' before its last level");
            }
        }
        return Optional.empty();
    }
}
