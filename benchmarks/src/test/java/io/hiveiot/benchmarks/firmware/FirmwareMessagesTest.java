package io.hiveiot.benchmarks.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.benchmarks.load.Device;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirmwareMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Device DEVICE = new Device(3, "bench-r-3", "bench-3", "tok-r-3", Optional.empty());

    @Test
    void thingsBoardRoute_isTheOtaTopicsWithOneRequestId() {
        final ChunkRoute route = ChunkRoute.thingsBoard(17);
        assertEquals("v2/fw/request/17/chunk/5", route.requestTopic(DEVICE, 5));
        assertTrue("v2/fw/response/17/chunk/5".startsWith(route.responsePrefix(DEVICE)));
        assertEquals(5, FirmwareMessages.chunkIndex("v2/fw/response/17/chunk/5"));
        assertEquals("v2/fw/response/+/chunk/+", FirmwareMessages.DEVICE_RESPONSE_FILTER);
    }

    @Test
    void plainRoute_serverAnswersOnTheDevicesResponseTopic() {
        final ChunkRoute route = ChunkRoute.plain();
        final String request = route.requestTopic(DEVICE, 9);
        assertEquals("bench/bench-r-3/fw/request/9", request);
        assertEquals(Optional.of("bench/bench-r-3/fw/response/9"), FirmwareMessages.plainResponseTopic(request));
        assertTrue(FirmwareMessages.plainResponseTopic(request).get().startsWith(route.responsePrefix(DEVICE)));
        assertEquals("bench/bench-r-3/fw/response/+", FirmwareMessages.plainResponseFilter("bench-r-3"));
        assertEquals(Optional.empty(), FirmwareMessages.plainResponseTopic("bench//fw/request/9"));
        assertEquals(Optional.empty(), FirmwareMessages.plainResponseTopic("v2/fw/request/1/chunk/9"));
        assertEquals(-1, FirmwareMessages.chunkIndex("bench/bench-r-3/fw/request/x"));
        assertEquals("bench/+/fw/request/+", FirmwareMessages.plainRequestFilter(1));
        assertEquals("$share/bench-fw/bench/+/fw/request/+", FirmwareMessages.plainRequestFilter(4));
    }

    @Test
    void chunkSize_isDecimalText() {
        assertArrayEquals("4096".getBytes(StandardCharsets.US_ASCII), FirmwareMessages.chunkSizePayload(4096));
        assertEquals(OptionalInt.of(4096), FirmwareMessages.chunkSize(FirmwareMessages.chunkSizePayload(4096)));
        assertEquals(OptionalInt.empty(), FirmwareMessages.chunkSize(new byte[0]));
        assertEquals(OptionalInt.empty(), FirmwareMessages.chunkSize("0".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(OptionalInt.empty(), FirmwareMessages.chunkSize("4k".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void upload_piecesCarryOffsetAndTheLastOneTheChecksumAndSize() throws Exception {
        final JsonNode first =
                JSON.readTree(FirmwareMessages.upload("bench-fw", "r-1", new byte[] {1, 2, 3}, 0, false, "ab", 6));
        assertEquals("package.upload", first.path("op").asText());
        assertEquals("bench-fw", first.path("args").path("title").asText());
        assertEquals("r-1", first.path("args").path("version").asText());
        assertArrayEquals(
                new byte[] {1, 2, 3},
                Base64.getDecoder().decode(first.path("args").path("data").asText()));
        assertEquals(0, first.path("args").path("offset").asInt());
        assertFalse(first.path("args").path("last").asBoolean(true));
        assertFalse(first.path("args").has("checksum"));
        final JsonNode last =
                JSON.readTree(FirmwareMessages.upload("bench-fw", "r-1", new byte[] {4, 5, 6}, 3, true, "ab", 6));
        assertEquals(3, last.path("args").path("offset").asInt());
        assertTrue(last.path("args").path("last").asBoolean());
        assertEquals("SHA256", last.path("args").path("checksumAlgorithm").asText());
        assertEquals("ab", last.path("args").path("checksum").asText());
        assertEquals(6, last.path("args").path("size").asInt());
    }

    @Test
    void assignAndServiceAnswers() throws Exception {
        final JsonNode assign = JSON.readTree(FirmwareMessages.assign("bench-r-3", "bench-fw", "r-1"));
        assertEquals("assign", assign.path("op").asText());
        assertEquals("bench-r-3", assign.path("args").path("device").asText());
        assertEquals(Optional.empty(), FirmwareMessages.serviceFailure(JSON.readTree("{\"ok\":true,\"result\":{}}")));
        assertEquals(
                Optional.of("not-found: no device bench-r-3"),
                FirmwareMessages.serviceFailure(JSON.readTree(
                        "{\"ok\":false,\"error\":{\"code\":\"not-found\",\"message\":\"no device bench-r-3\"}}")));
        assertEquals(
                Optional.of("conflict"),
                FirmwareMessages.serviceFailure(JSON.readTree("{\"ok\":false,\"error\":{\"code\":\"conflict\"}}")));
    }
}
