package io.hiveiot.kit.secret;

import java.security.SecureRandom;

/**
 * Random secrets made of letters and digits, safe to paste into a shell or a device's config.
 * Twenty characters (ThingsBoard's access-token length) carry about 119 bits.
 */
public final class SecretGenerator {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretGenerator() {}

    public static String generate(final int length) {
        final var secret = new char[length];
        for (int i = 0; i < length; i++) {
            secret[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(secret);
    }
}
