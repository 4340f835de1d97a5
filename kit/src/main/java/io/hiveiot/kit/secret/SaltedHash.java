package io.hiveiot.kit.secret;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 for passwords and application secrets, encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64) so the cost can rise later without
 * invalidating stored hashes. Deliberately slow: verify off the broker threads and cache successes.
 */
public final class SaltedHash {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SaltedHash() {}

    public static String hash(final String secret) {
        return hash(secret, DEFAULT_ITERATIONS);
    }

    public static String hash(final String secret, final int iterations) {
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        final Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(secret, salt, iterations));
    }

    /** Constant-time comparison; a malformed stored value never matches. */
    public static boolean verify(final String secret, final String encoded) {
        final String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            final int iterations = Integer.parseInt(parts[1]);
            final Base64.Decoder base64 = Base64.getDecoder();
            final byte[] salt = base64.decode(parts[2]);
            final byte[] expected = base64.decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(secret, salt, iterations));
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(final String secret, final byte[] salt, final int iterations) {
        final var spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
