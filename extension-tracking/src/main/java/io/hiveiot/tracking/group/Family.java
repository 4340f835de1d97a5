package io.hiveiot.tracking.group;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A group topic family as the interceptors see it, immutable (a change replaces the whole family).
 *
 * @param name       the first level of its topics
 * @param account    the one account whose devices publish and whose clients receive its topics
 * @param configured fixed by config.xml; the tracking service cannot change it
 * @param groups     group name to member devices
 */
public record Family(String name, String account, boolean configured, Map<String, Set<String>> groups) {

    public Family {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        final var copy = new HashMap<String, Set<String>>();
        groups.forEach((group, members) -> copy.put(group, Set.copyOf(members)));
        groups = Map.copyOf(copy);
    }

    /** The groups {@code device} belongs to. */
    public List<String> groupsOf(final String device) {
        return groups.entrySet().stream()
                .filter(group -> group.getValue().contains(device))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public boolean isGroup(final String name) {
        return groups.containsKey(name);
    }

    public Family withGroup(final String group, final Set<String> members) {
        final var changed = new HashMap<>(groups);
        changed.put(group, members);
        return new Family(name, account, configured, changed);
    }

    public Family withoutGroup(final String group) {
        final var changed = new HashMap<>(groups);
        changed.remove(group);
        return new Family(name, account, configured, changed);
    }

    public Set<String> members(final String group) {
        return groups.getOrDefault(group, Set.of());
    }

    /** Members after adding and removing some. */
    public static Set<String> changed(final Set<String> members, final Set<String> added, final Set<String> removed) {
        final var result = new HashSet<>(members);
        result.addAll(added);
        result.removeAll(removed);
        return result;
    }
}
