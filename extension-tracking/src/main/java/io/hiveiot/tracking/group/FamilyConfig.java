package io.hiveiot.tracking.group;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A group topic family from {@code config.xml}: its topics are {@code <name>/<device>/<version>/<type>}, it
 * belongs to one account, and its groups (group name to member device names) are fixed by the file.
 */
public record FamilyConfig(String name, String account, Map<String, Set<String>> groups) {

    public FamilyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        groups = Map.copyOf(groups);
    }
}
