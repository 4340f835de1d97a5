package io.hiveiot.auth.credential;

import java.util.Optional;

/**
 * How many sessions the connections of one credential may hold, decided per credential (never one switch for the
 * installation). {@link #PER_DEVICE}: the device has one session, and a new connection takes over the older ones,
 * as ThingsBoard does. {@link #PER_CLIENT_ID}: one session per client ID, never evicting the device's other
 * clients; for logins a fleet or a set of consumers shares (foxtrackr's {@code id-<login>-nn}, iotBind's shared
 * login), where taking over would make two clients knock each other off forever.
 * <p>
 * A credential that says nothing gets the policy its client ID rule implies: a pattern admits several client IDs
 * at once, so {@link #PER_CLIENT_ID}; an exact client ID, any client ID, or an access token {@link #PER_DEVICE}.
 */
public enum SessionPolicy {
    PER_DEVICE("per-device"),
    PER_CLIENT_ID("per-client-id");

    /** The connection attribute that says which policy a device connection runs under. */
    public static final String ATTRIBUTE = "hive-iot.auth.sessions";

    private final String text;

    SessionPolicy(final String text) {
        this.text = text;
    }

    /** {@code per-device} or {@code per-client-id}, as stored and as the API names it. */
    public String text() {
        return text;
    }

    public static Optional<SessionPolicy> parse(final String text) {
        for (final SessionPolicy policy : values()) {
            if (policy.text.equals(text)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    /** The credential's own choice if it made one, else what its client ID rule implies. */
    public static SessionPolicy of(final String stored, final ClientIdRule rule) {
        return parse(stored).orElse(rule.regex() ? PER_CLIENT_ID : PER_DEVICE);
    }
}
