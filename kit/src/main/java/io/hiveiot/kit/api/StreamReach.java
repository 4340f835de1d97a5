package io.hiveiot.kit.api;

import java.util.Optional;

/**
 * Which accounts' device streams a topic filter can receive: a stream topic is {@code users/<account>/devices} or
 * {@code users/<account>/devices/<device>/<event>} ({@link DeviceStream}). A shared subscription reaches what its
 * filter reaches.
 *
 * @param everyAccount the filter has a wildcard where the account is ({@code users/+/devices}, {@code #})
 * @param account      else the one account it can reach, if any
 */
public record StreamReach(boolean everyAccount, Optional<String> account) {

    private static final StreamReach NONE = new StreamReach(false, Optional.empty());
    private static final StreamReach EVERY_ACCOUNT = new StreamReach(true, Optional.empty());
    private static final String SHARED = "$share/";
    private static final String ANY = null;
    // the two stream topics, level by level; ANY is a level whose value varies (account, device, event)
    private static final String[][] STREAM_TOPICS = {{"users", ANY, "devices"}, {"users", ANY, "devices", ANY, ANY}};

    public static StreamReach of(final String topicFilter) {
        String filter = topicFilter;
        if (filter.startsWith(SHARED)) {
            final int groupEnd = filter.indexOf('/', SHARED.length());
            if (groupEnd < 0) {
                return NONE;
            }
            filter = filter.substring(groupEnd + 1);
        }
        final String[] levels = filter.split("/", -1);
        for (final String[] topic : STREAM_TOPICS) {
            if (mayMatch(levels, topic)) {
                return levels.length < 2 || levels[1].equals("+") || levels[1].equals("#")
                        ? EVERY_ACCOUNT
                        : new StreamReach(false, Optional.of(levels[1]));
            }
        }
        return NONE;
    }

    public boolean reachesAny() {
        return everyAccount || account.isPresent();
    }

    private static boolean mayMatch(final String[] filter, final String[] topic) {
        for (int i = 0; i < filter.length; i++) {
            if (filter[i].equals("#")) {
                return true;
            }
            if (i >= topic.length) {
                return false;
            }
            if (!filter[i].equals("+") && topic[i] != ANY && !filter[i].equals(topic[i])) {
                return false;
            }
            if (topic[i] == ANY && filter[i].isEmpty()) {
                // account, device and event names are never empty
                return false;
            }
        }
        return filter.length == topic.length;
    }
}
