package io.hiveiot.kit.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamReachTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "users/acme/devices",
                "users/acme/devices/#",
                "users/acme/#",
                "users/acme/devices/+/+",
                "users/acme/devices/pump-1/telemetry",
                "users/acme/+/pump-1/+",
                "users/acme/+",
                "$share/workers/users/acme/devices/+/telemetry"
            })
    void filterOfOneAccountsStream_reachesThatAccount(final String filter) {
        assertEquals(new StreamReach(false, Optional.of("acme")), StreamReach.of(filter));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"#", "+/#", "users/#", "users/+/devices", "+/+/devices/+/telemetry", "users/+/#", "$share/g/#"})
    void filterWithAWildcardForTheAccount_reachesEveryAccount(final String filter) {
        assertTrue(StreamReach.of(filter).everyAccount());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "users/acme/api/devices/response/+",
                "users/acme/devices/pump-1",
                "users/acme",
                "users/acme/devices/pump-1/telemetry/extra",
                "v1/devices/me/rpc/request/+",
                "users/acme/devices/+",
                "users//devices",
                "users/acme/devices//telemetry",
                "$share/nogroup",
                "+",
                "+/+"
            })
    void filterOfNoStreamTopic_reachesNone(final String filter) {
        assertFalse(StreamReach.of(filter).reachesAny(), filter);
    }

    @ParameterizedTest
    @CsvSource({"users/acme/devices/+/+,acme,true", "users/acme/devices/+/+,other,false", "users/+/devices,other,true"})
    void subscriptions_reachTheAccountsOfTheirFilters(
            final String filter, final String account, final boolean reached) {
        final StreamSubscriptions subscriptions = StreamSubscriptions.empty();
        assertFalse(subscriptions.mayReach(account));
        subscriptions.add(filter);
        assertEquals(reached, subscriptions.mayReach(account));
    }
}
