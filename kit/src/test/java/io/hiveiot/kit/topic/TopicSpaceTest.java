package io.hiveiot.kit.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicSpaceTest {

    private final TopicSpace own = TopicSpace.of("acme", "account");
    private final TopicSpace root = TopicSpace.of("acme", "root");

    @ParameterizedTest
    @ValueSource(strings = {"accounts/acme/x", "accounts/acme/sensors/1/temp", "accounts/acme//"})
    void accountSpace_containsTheAccountsOwnTopics(final String topic) {
        assertTrue(own.contains(topic));
        assertTrue(root.contains(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sensors/1", "foxtrackr/12345/V3.0/bat", "a", "/leading/slash", "provision/x"})
    void rootSpace_containsTopicsOutsideThePlatformNamespaces(final String topic) {
        assertTrue(root.contains(topic), topic);
        assertFalse(own.contains(topic), topic);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1/devices/me/telemetry",
                "v2/t",
                "users/acme/devices",
                "users/other/api/x/request/1",
                "accounts/other/x",
                "accounts/acme",
                "accounts/acme/",
                "iotbind/tracking",
                "/provision",
                "/provision/request",
                "$SYS/x",
                "v1",
                "accounts"
            })
    void neitherSpace_containsPlatformTopics(final String topic) {
        assertFalse(root.contains(topic), topic);
        assertFalse(own.contains(topic), topic);
    }

    @Test
    void filters_mustLieInsideTheSpace() {
        assertEquals(Optional.empty(), own.filterProblem("accounts/acme/#"));
        assertEquals(Optional.empty(), root.filterProblem("accounts/acme/#"));
        assertEquals(Optional.empty(), root.filterProblem("sensors/+/temp"));
        assertTrue(own.filterProblem("sensors/#").orElseThrow().contains("accounts/acme/..."));
        assertTrue(root.filterProblem("#").orElseThrow().contains("start it with a topic level of your own"));
        assertTrue(root.filterProblem("+/temp").isPresent());
        assertTrue(root.filterProblem("users/acme/devices").isPresent());
        assertTrue(root.filterProblem("accounts/other/#").isPresent());
        assertTrue(own.filterProblem("accounts/acme/").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users/acme/devices", "users/other/devices/x/telemetry", "accounts/other/x"})
    void deliveries_ofStreamsAndOtherAccounts_areNotForDevices(final String topic) {
        assertFalse(root.mayReceive(topic));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "accounts/acme/x",
                "sensors/1",
                "v1/devices/me/rpc/request/1",
                "v2/fw/response/1/chunk/0",
                "foxtrackr/1/V3.0/bat"
            })
    void deliveries_ofTheSpaceAndTheDeviceApi_reachDevices(final String topic) {
        assertTrue(root.mayReceive(topic));
    }

    @Test
    void name_isWhatIsStored() {
        assertEquals("root", root.name());
        assertEquals("account", own.name());
        assertFalse(TopicSpace.of("acme", "anything else").root());
    }
}
