package io.hiveiot.deviceapi.payload;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which attributes of one scope (client or shared) an attribute request asks for: all of them, or the listed
 * keys. An empty key list asks for nothing, so that scope is left out of the response.
 *
 * @param all  every attribute of the scope; {@code keys} is then empty
 * @param keys the requested keys, in request order, without duplicates
 */
public record KeySelection(boolean all, Set<String> keys) {

    public static final KeySelection ALL = new KeySelection(true, Set.of());
    public static final KeySelection NONE = new KeySelection(false, Set.of());

    public KeySelection {
        keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
        if (all && !keys.isEmpty()) {
            throw new IllegalArgumentException("a selection of all keys lists no keys");
        }
    }

    public static KeySelection of(final Collection<String> keys) {
        return new KeySelection(false, new LinkedHashSet<>(keys));
    }

    public boolean includes(final String key) {
        return all || keys.contains(key);
    }
}
