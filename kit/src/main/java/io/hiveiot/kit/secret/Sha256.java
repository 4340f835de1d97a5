package io.hiveiot.kit.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a text, as lowercase hex: migration checksums, and the stored form of access tokens.
 * <p>
 * For tokens an unsalted digest is enough because the platform generates them with ~119 bits, so
 * nobody can guess one to brute-force it; secrets a person chose get {@link SaltedHash} instead. The
 * hex form is what the database stores and what caches are keyed by, so a token's plaintext lives
 * no longer than the CONNECT packet that carried it.
 */
public final class Sha256 {

    private Sha256() {}

    public static String hex(final String text) {
        try {
            final var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
