package io.hiveiot.kit.secret;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaltedHashTest {

    @Test
    void verify_rightAndWrongSecret() {
        final String stored = SaltedHash.hash("s3cret", 1_000);
        assertTrue(SaltedHash.verify("s3cret", stored));
        assertFalse(SaltedHash.verify("s3cret ", stored));
        assertFalse(stored.contains("s3cret"));
    }

    @Test
    void hash_isSalted() {
        assertNotEquals(SaltedHash.hash("same", 1_000), SaltedHash.hash("same", 1_000));
    }

    @Test
    void verify_malformedStoredValue_neverMatches() {
        assertFalse(SaltedHash.verify("x", "plain"));
        assertFalse(SaltedHash.verify("x", "pbkdf2-sha256$notanumber$AAAA$AAAA"));
        assertFalse(SaltedHash.verify("x", "pbkdf2-sha256$1000$!!$AAAA"));
    }

    @Test
    void sha256_isLowercaseHex() {
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Sha256.hex("test"));
    }

    @Test
    void generate_usesOnlyLettersAndDigits() {
        final String secret = SecretGenerator.generate(200);
        assertEquals(200, secret.length());
        assertTrue(secret.matches("[A-Za-z0-9]+"));
    }
}
