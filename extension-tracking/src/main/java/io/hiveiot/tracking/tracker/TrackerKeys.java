package io.hiveiot.tracking.tracker;

import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.secret.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * API keys of tracking devices. Generated keys carry ~119 bits, so their SHA-256 is a safe stored form (as for
 * access tokens); the stored hex is compared in constant time, and a key is never logged.
 */
public final class TrackerKeys {

    public static final int GENERATED_LENGTH = 20;

    /** Compared against when the uid is unknown, so that an unknown uid costs the same as a wrong key. */
    private static final String NO_KEY = Sha256.hex("no such tracker");

    private TrackerKeys() {}

    public static String generate() {
        return SecretGenerator.generate(GENERATED_LENGTH);
    }

    public static String hash(final String key) {
        return Sha256.hex(key);
    }

    public static boolean matches(final String key, final String storedHash) {
        final byte[] expected = (storedHash == null ? NO_KEY : storedHash).getBytes(StandardCharsets.US_ASCII);
        final boolean equal = MessageDigest.isEqual(expected, hash(key).getBytes(StandardCharsets.US_ASCII));
        return storedHash != null && equal;
    }
}
