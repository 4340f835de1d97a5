package io.hiveiot.benchmarks.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RpcMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serviceRequest_isTheRpcOpOfTheDevicesService() throws Exception {
        assertEquals("users/demo/api/devices/request/17", RpcMessages.serviceRequestTopic("demo", 17));
        final JsonNode request = JSON.readTree(RpcMessages.serviceRequest("bench-r-3", 17, 5000));
        assertEquals("rpc", request.path("op").asText());
        assertEquals("bench-r-3", request.path("args").path("device").asText());
        assertEquals(RpcMessages.METHOD, request.path("args").path("method").asText());
        assertEquals(17, request.path("args").path("params").path("n").asLong());
        assertEquals(5000, request.path("args").path("timeoutMs").asLong());
    }

    @Test
    void serviceFailure_ofAnswers() {
        assertEquals(
                Optional.empty(),
                RpcMessages.serviceFailure(
                        bytes("{\"ok\":true,\"result\":{\"requestId\":4,\"response\":{\"ok\":true}}}")));
        assertEquals(
                Optional.of("timeout"),
                RpcMessages.serviceFailure(
                        bytes("{\"ok\":false,\"error\":{\"code\":\"timeout\",\"message\":\"no answer\"}}")));
        assertEquals(
                Optional.of("unavailable"),
                RpcMessages.serviceFailure(bytes("{\"ok\":false,\"error\":{\"code\":\"unavailable\"}}")));
        assertEquals(Optional.of("invalid answer"), RpcMessages.serviceFailure(bytes("not json")));
    }

    @Test
    void deviceAnswersOnTheMatchingResponseTopic() {
        assertEquals(
                Optional.of("v1/devices/me/rpc/response/42"),
                RpcMessages.deviceResponseTopic("v1/devices/me/rpc/request/42"));
        assertEquals(Optional.empty(), RpcMessages.deviceResponseTopic("v1/devices/me/attributes"));
        assertEquals(
                Optional.of("bench/bench-r-3/rpc/response/9"),
                RpcMessages.plainResponseTopic(RpcMessages.plainRequestTopic("bench-r-3", 9)));
        assertEquals(Optional.empty(), RpcMessages.plainResponseTopic("elsewhere/rpc/request/9"));
    }

    @Test
    void requestId_fromTheAnswerTopic() {
        assertEquals(9, RpcMessages.requestId("bench/bench-r-3/rpc/response/9"));
        assertEquals(123, RpcMessages.requestId("users/demo/api/devices/response/123"));
        assertEquals(-1, RpcMessages.requestId("users/demo/api/devices/response/x"));
    }

    @Test
    void plainRequest_isTheDevicePayload() throws Exception {
        final JsonNode request = JSON.readTree(RpcMessages.plainRequest(5));
        assertEquals(RpcMessages.METHOD, request.path("method").asText());
        assertEquals(5, request.path("params").path("n").asLong());
        assertEquals("bench/bench-r-3/rpc/request/+", RpcMessages.plainRequestFilter("bench-r-3"));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** hive-iot ignores a (client, request id) it answered in the last 10 minutes: runs must not reuse ids. */
    @Test
    void firstId_ofARunAMillisecondLater_isAboveTheIdsOfAThousandRpcsPerMillisecondBefore() {
        assertEquals(true, RpcCaller.firstId(1_796_170_000_001L) >= RpcCaller.firstId(1_796_170_000_000L) + 1_000);
    }
}
