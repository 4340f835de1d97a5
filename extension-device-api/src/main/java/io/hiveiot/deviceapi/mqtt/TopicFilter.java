package io.hiveiot.deviceapi.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * An MQTT topic filter and the matching rules of MQTT 3.1.1 §4.7 / MQTT 5 §4.7: {@code +} one level, {@code #}
 * the rest (including the parent level), and wildcards never match a topic starting with {@code $}. A shared
 * subscription ({@code $share/<group>/<filter>}) matches as its filter.
 */
public record TopicFilter(String filter) {

    private static final String SHARED = "$share/";

    public TopicFilter {
        Objects.requireNonNull(filter, "filter");
        if (!isValid(filter)) {
            throw new IllegalArgumentException("not a valid topic filter: " + filter);
        }
    }

    /** Whether {@code filter} is a valid MQTT topic filter (wildcards only as whole levels, {@code #} last). */
    public static boolean isValid(final String filter) {
        if (filter.isEmpty() || filter.indexOf('\u0000') >= 0) {
            return false;
        }
        final List<String> levels = List.of(filter.split("/", -1));
        for (int i = 0; i < levels.size(); i++) {
            final String level = levels.get(i);
            if (level.equals("#") && i != levels.size() - 1) {
                return false;
            }
            if (!level.equals("#") && !level.equals("+") && (level.contains("#") || level.contains("+"))) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(final String topic) {
        String effective = filter;
        if (effective.startsWith(SHARED)) {
            final int groupEnd = effective.indexOf('/', SHARED.length());
            if (groupEnd < 0) {
                return false;
            }
            effective = effective.substring(groupEnd + 1);
        }
        if (topic.startsWith("$") && (effective.startsWith("+") || effective.startsWith("#"))) {
            return false;
        }
        final String[] filterLevels = effective.split("/", -1);
        final String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return true;
            }
            if (i >= topicLevels.length) {
                return false;
            }
            if (!filterLevels[i].equals("+") && !filterLevels[i].equals(topicLevels[i])) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }
}
