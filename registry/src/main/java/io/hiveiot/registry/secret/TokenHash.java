package io.hiveiot.registry.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a high-entropy generated secret (an access token), as lowercase hex. Enough for
 * secrets the platform generated itself, since nobody can guess one to brute-force it; secrets a
 * person chose get {@link SaltedHash} instead. The hex form is what the database stores and what
 * caches are keyed by, so the plaintext lives no longer than the CONNECT packet that carried it.
 */
public final class TokenHash {

    private TokenHash() {
    }

    public static String of(final String token) {
        try {
            final var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
