package io.hiveiot.tracking.group;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every family, by name, in memory: the interceptors look a topic's first level up here on the broker's thread
 * without touching the database. The tracking service replaces a family here after its change is committed, and
 * another node's change arrives through {@link #replaceAll}. Whichever way a name changes hands after the first fill
 * (its family made, deleted, or owned by another account), {@link HandOver} hears of it.
 */
public final class Families {

    /** Told when a name's owner changes; called on the thread that changed it, so it must be quick. */
    public interface HandOver {

        /** @param owner the account that owns the name now; empty when it is no family anymore */
        void changedHands(String family, Optional<String> owner);
    }

    private final ConcurrentHashMap<String, Family> byName = new ConcurrentHashMap<>();
    private final HandOver handOver;
    /** The first fill only reads what is there: nothing changes hands. */
    private volatile boolean filled;

    public Families(final HandOver handOver) {
        this.handOver = handOver;
    }

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
        changed(family.name(), byName.put(family.name(), family), family);
    }

    /** Replaces every family by those given. */
    public void replaceAll(final Collection<Family> current) {
        final var names = new HashSet<String>();
        for (final Family family : current) {
            put(family);
            names.add(family.name());
        }
        for (final String name : Set.copyOf(byName.keySet())) {
            if (!names.contains(name)) {
                remove(name);
            }
        }
        filled = true;
    }

    public void remove(final String name) {
        changed(name, byName.remove(name), null);
    }

    public Collection<Family> all() {
        return byName.values();
    }

    private void changed(final String name, final Family before, final Family after) {
        final Optional<String> owner = Optional.ofNullable(after).map(Family::account);
        if (filled && !Objects.equals(Optional.ofNullable(before).map(Family::account), owner)) {
            handOver.changedHands(name, owner);
        }
    }
}
