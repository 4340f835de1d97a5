package io.hiveiot.tracking.group;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every family, by name, in memory: the interceptors look a topic's first level up here on the broker's thread
 * without touching the database. The tracking service replaces a family here after its change is committed.
 */
public final class Families {

    private final ConcurrentHashMap<String, Family> byName = new ConcurrentHashMap<>();

    public Optional<Family> find(final String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The family a topic belongs to, by its first level. */
    public Optional<Family> ofTopic(final String topic) {
        if (byName.isEmpty()) {
            return Optional.empty();
        }
        final int slash = topic.indexOf('/');
        return find(slash < 0 ? topic : topic.substring(0, slash));
    }

    public void put(final Family family) {
        byName.put(family.name(), family);
    }

    /** Replaces every family by those given. */
    public void replaceAll(final Collection<Family> current) {
        final var names = new HashSet<String>();
        for (final Family family : current) {
            byName.put(family.name(), family);
            names.add(family.name());
        }
        byName.keySet().retainAll(names);
    }

    public void remove(final String name) {
        byName.remove(name);
    }

    public Collection<Family> all() {
        return byName.values();
    }
}
