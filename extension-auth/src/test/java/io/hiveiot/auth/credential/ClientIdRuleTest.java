package io.hiveiot.auth.credential;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientIdRuleTest {

    private static final ClientIdRule SENSORO = ClientIdRule.matching("^${username}(/[-_0-9a-zA-Z]{0,36})?$");

    @Test
    void sensoroPattern_admitsTheAppIdAndItsSubClients() {
        assertTrue(SENSORO.matches("app1", "app1"));
        assertTrue(SENSORO.matches("app1", "app1/worker_2"));
        assertFalse(SENSORO.matches("app1", "app1/" + "x".repeat(37)));
        assertFalse(SENSORO.matches("app1", "app12"));
        assertFalse(SENSORO.matches("app1", "other/app1"));
    }

    @Test
    void username_isQuotedLiterally() {
        assertTrue(SENSORO.matches("a.b", "a.b"));
        assertFalse(SENSORO.matches("a.b", "aXb"));
        assertFalse(SENSORO.matches(".*", "anything"), "a username must never act as a pattern");
    }

    @Test
    void exactAndAny() {
        assertTrue(ClientIdRule.exactly("dev-1").matches("u", "dev-1"));
        assertFalse(ClientIdRule.exactly("dev-1").matches("u", "dev-10"));
        assertTrue(ClientIdRule.ANY.matches("u", "whatever"));
    }

    @Test
    void invalidStoredRegex_orOverlongClientId_neverMatches() {
        assertFalse(ClientIdRule.matching("^(unclosed").matches("u", "u"));
        assertFalse(ClientIdRule.matching(".*").matches("u", "x".repeat(ClientIdRule.MAX_REGEX_INPUT + 1)));
    }
}
