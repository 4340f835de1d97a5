package io.hiveiot.kit.thingsboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTopicTest {

    @Test
    void prefixes_areThingsBoardsV1Topics() {
        assertEquals("v1/devices/me/attributes/request/", RequestTopic.ATTRIBUTE_REQUEST.prefix());
        assertEquals("v1/devices/me/rpc/request/", RequestTopic.RPC_REQUEST.prefix());
        assertEquals("v1/devices/me/rpc/response/", RequestTopic.RPC_RESPONSE.prefix());
    }

    @ParameterizedTest
    @CsvSource({"5, 5", "0, 0", "-1, -1", "+7, 7", "007, 7", "2147483647, 2147483647", "-2147483648, -2147483648"})
    void requestId_withJavaInt_isParsed(final String id, final int expected) {
        assertEquals(
                OptionalInt.of(expected),
                RequestTopic.ATTRIBUTE_REQUEST.requestId("v1/devices/me/attributes/request/" + id));
        assertEquals(OptionalInt.of(expected), RequestTopic.RPC_REQUEST.requestId("v1/devices/me/rpc/request/" + id));
        assertEquals(OptionalInt.of(expected), RequestTopic.RPC_RESPONSE.requestId("v1/devices/me/rpc/response/" + id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0", "2147483648", "-2147483649", "abc", " 5", "5 ", "5/x", "0x10", "1e3", "+", "-"})
    void requestId_withAnythingButAJavaInt_isNone(final String id) {
        assertEquals(
                OptionalInt.empty(),
                RequestTopic.ATTRIBUTE_REQUEST.requestId("v1/devices/me/attributes/request/" + id));
        assertEquals(OptionalInt.empty(), RequestTopic.RPC_REQUEST.requestId("v1/devices/me/rpc/request/" + id));
    }

    @Test
    void matches_comparesThePrefixOnly() {
        assertTrue(RequestTopic.RPC_REQUEST.matches("v1/devices/me/rpc/request/5"));
        assertTrue(RequestTopic.RPC_REQUEST.matches("v1/devices/me/rpc/request/"));
        assertFalse(RequestTopic.RPC_REQUEST.matches("v1/devices/me/rpc/request"));
        assertFalse(RequestTopic.RPC_REQUEST.matches("v1/devices/me/rpc/response/5"));
        assertFalse(RequestTopic.ATTRIBUTE_REQUEST.matches("v1/devices/me/attributes"));
    }

    @ParameterizedTest
    @EnumSource(RequestTopic.class)
    void requestId_ofAnotherTopic_isAProgrammingError(final RequestTopic topic) {
        assertThrows(IllegalArgumentException.class, () -> topic.requestId("v1/devices/me/telemetry"));
    }
}
