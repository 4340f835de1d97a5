package io.hiveiot.auth.devices;

import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.credential.SessionPolicy;

import java.util.Optional;

/**
 * A credential ready to store: secrets already hashed (off the writer thread, since PBKDF2 is slow),
 * and for tokens the plaintext kept once, to be returned to the application that asked.
 */
public sealed interface PreparedCredential {

    /** Extra permissions in their stored JSON form, or null for none. */
    String permissions();

    /** The policy the credential names; empty: derived from its client ID rule. */
    Optional<SessionPolicy> sessions();

    /** The policy its connections run under. */
    SessionPolicy effectiveSessions();

    record AccessToken(String token, String tokenHash, String permissions, Optional<SessionPolicy> sessions)
            implements PreparedCredential {

        @Override
        public SessionPolicy effectiveSessions() {
            return sessions.orElse(SessionPolicy.PER_DEVICE);
        }
    }

    /** @param username empty for a credential of an exact client ID alone */
    record Basic(
            Optional<String> username,
            Optional<String> passwordHash,
            ClientIdRule clientIdRule,
            String permissions,
            Optional<SessionPolicy> sessions)
            implements PreparedCredential {

        @Override
        public SessionPolicy effectiveSessions() {
            return SessionPolicy.of(sessions.map(SessionPolicy::text).orElse(null), clientIdRule);
        }
    }
}
