package io.hiveiot.firmware.chunk;

import io.hiveiot.firmware.pkg.PackageType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkRequestTest {

    private static ChunkRequest parse(final String topic, final String payload) throws BadChunkRequest {
        return ChunkRequest.parse(topic, payload.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void parse_firmwareAndSoftware_withSizeOrWithout() throws Exception {
        assertEquals(
                new ChunkRequest(PackageType.FIRMWARE, "7", 3, OptionalInt.of(1024)),
                parse("v2/fw/request/7/chunk/3", "1024"));
        assertEquals(
                new ChunkRequest(PackageType.SOFTWARE, "12", 0, OptionalInt.empty()),
                parse("v2/sw/request/12/chunk/0", ""));
        assertEquals(OptionalInt.empty(), parse("v2/fw/request/1/chunk/0", "0").size());
        assertEquals(
                "v2/sw/response/12/chunk/0",
                parse("v2/sw/request/12/chunk/0", "").responseTopic());
    }

    @Test
    void parse_badIds_areBadRequests() {
        for (final String topic : new String[] {
            "v2/fw/request/x/chunk/0",
            "v2/fw/request/1/chunk/-1",
            "v2/fw/request/1/chunk/",
            "v2/fw/request/1/chunk/0/extra",
            "v2/fw/response/1/chunk/0",
            "v2/fw/request/1234567890123456789/chunk/0",
            "v2/fw/request/1/chunk/1234567890"
        }) {
            assertEquals(
                    OtaError.BAD_REQUEST,
                    assertThrows(BadChunkRequest.class, () -> parse(topic, "")).error(),
                    topic);
        }
    }

    @Test
    void parse_sizeThatIsNotDecimal_isInvalid() {
        for (final String size : new String[] {"abc", "-1", "1e3", "0x10", "1234567890123456789", "1.5"}) {
            assertEquals(
                    OtaError.INVALID_CHUNK_SIZE,
                    assertThrows(BadChunkRequest.class, () -> parse("v2/fw/request/1/chunk/0", size))
                            .error(),
                    size);
        }
        assertEquals(
                OtaError.PAYLOAD_TOO_LARGE,
                assertThrows(BadChunkRequest.class, () -> parse("v2/fw/request/1/chunk/0", "9999999999"))
                        .error());
    }
}
