package io.hiveiot.auth.devices;

import io.hiveiot.auth.credential.ClientIdRule;

/**
 * A credential ready to store: secrets already hashed (off the writer thread, since PBKDF2 is slow),
 * and for tokens the plaintext kept once, to be returned to the application that asked.
 */
public sealed interface PreparedCredential {

    /** Extra permissions in their stored JSON form, or null for none. */
    String permissions();

    record AccessToken(String token, String tokenHash, String permissions) implements PreparedCredential {
    }

    record Basic(String username, String passwordHash, ClientIdRule clientIdRule, String permissions)
            implements PreparedCredential {
    }
}
