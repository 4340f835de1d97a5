package io.hiveiot.auth.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Permissions one credential has beyond its role's, stored with the credential as
 * {@code [{"topicFilter":"accounts/${account}/...","activity":"PUBLISH|SUBSCRIBE|ALL"}]}. They may
 * only lie inside the account's free topic space, so an extra permission can never reach a platform
 * namespace (device-API topics, the account streams) or another account.
 */
public final class ExtraPermissions {

    public static final String REQUIRED_PREFIX = "accounts/${account}/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExtraPermissions() {}

    /**
     * Validates a request's permission list.
     *
     * @return the problem, for an error answer, or empty when the list is fine
     */
    public static Optional<String> problem(final JsonNode permissions) {
        if (!permissions.isArray() || permissions.size() > 100) {
            return Optional.of("permissions is an array of at most 100 {\"topicFilter\":..,\"activity\":..}");
        }
        for (final JsonNode permission : permissions) {
            final String filter = permission.path("topicFilter").asText("");
            if (!filter.startsWith(REQUIRED_PREFIX) || filter.length() == REQUIRED_PREFIX.length()) {
                return Optional.of("an extra permission's topicFilter must start with " + REQUIRED_PREFIX);
            }
            if (filter.replaceAll("\\$\\{(account|device|client-id|username)}", "")
                    .contains("${")) {
                return Optional.of("unknown placeholder in '" + filter + "'");
            }
            final String activity = permission.path("activity").asText("ALL");
            if (!List.of("PUBLISH", "SUBSCRIBE", "ALL").contains(activity)) {
                return Optional.of("an extra permission's activity is PUBLISH, SUBSCRIBE or ALL");
            }
        }
        return Optional.empty();
    }

    /** The stored JSON as templates; an absent or unreadable value means none. */
    public static List<PermissionTemplate> parse(final String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        try {
            final JsonNode permissions = JSON.readTree(stored);
            if (problem(permissions).isPresent()) {
                return List.of();
            }
            final var templates = new ArrayList<PermissionTemplate>();
            for (final JsonNode permission : permissions) {
                templates.add(new PermissionTemplate(
                        permission.get("topicFilter").asText(),
                        TopicPermission.MqttActivity.valueOf(
                                permission.path("activity").asText("ALL")),
                        TopicPermission.Retain.ALL,
                        TopicPermission.SharedSubscription.NOT_SHARED));
            }
            return List.copyOf(templates);
        } catch (final IOException e) {
            return List.of();
        }
    }

    /** A validated list in its stored form. */
    public static String store(final ArrayNode permissions) {
        return permissions.toString();
    }
}
