package io.hiveiot.tracking.group;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may name a family, a group or a member device. A family name is the first level of its topics, so it
 * must not take over a platform namespace; group and device names are single topic levels.
 */
public final class FamilyNames {

    private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern LEVEL = Pattern.compile("[^/+#\\s\\u0000]{1,255}");
    /** The first topic levels of the platform's own namespaces. */
    private static final Set<String> PLATFORM = Set.of("users", "accounts", "v1", "v2", "provision", "iotbind");

    private FamilyNames() {}

    /** Why {@code name} cannot be a family, or empty when it can. */
    public static Optional<String> reservedReason(final String name, final String trackingPrefix) {
        if (!FAMILY.matcher(name).matches()) {
            return Optional.of("a family name is 1 to 64 characters of A-Z a-z 0-9 _ . -");
        }
        final String trackingRoot = trackingPrefix.split("/", 2)[0];
        if (PLATFORM.contains(name) || name.equals(trackingRoot)) {
            return Optional.of("'" + name + "' is a platform namespace and cannot be a family");
        }
        return Optional.empty();
    }

    /** Group names and member devices: one topic level without wildcards or white space. */
    public static boolean isLevel(final String name) {
        return LEVEL.matcher(name).matches();
    }
}
