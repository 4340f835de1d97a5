package io.hiveiot.deviceapi.mqtt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicFilterTest {

    @Test
    void matches_asMqttSpecifiesIt() {
        record Case(String filter, String topic, boolean matches) {}
        for (final Case c : new Case[] {
            new Case("a/b", "a/b", true),
            new Case("a/b", "a/b/c", false),
            new Case("a/+", "a/b", true),
            new Case("a/+", "a/b/c", false),
            new Case("a/+", "a/", true),
            new Case("a/#", "a", true),
            new Case("a/#", "a/b/c", true),
            new Case("#", "a/b", true),
            new Case("#", "$SYS/x", false),
            new Case("+/b", "$x/b", false),
            new Case("+/+", "/b", true),
            new Case("v1/devices/me/rpc/request/+", "v1/devices/me/rpc/request/0", true),
            new Case("v1/devices/me/rpc/request", "v1/devices/me/rpc/request/0", false),
            new Case("$share/g/v1/devices/me/#", "v1/devices/me/rpc/request/0", true),
            new Case("A/b", "a/b", false)
        }) {
            assertEquals(c.matches(), new TopicFilter(c.filter()).matches(c.topic()), c.toString());
        }
    }

    @Test
    void invalidFilters_areRefused() {
        for (final String filter : new String[] {"", "a/#/b", "a#", "a/b+", "+a", "a\u0000b"}) {
            assertEquals(false, TopicFilter.isValid(filter), filter);
            assertThrows(IllegalArgumentException.class, () -> new TopicFilter(filter), filter);
        }
    }
}
