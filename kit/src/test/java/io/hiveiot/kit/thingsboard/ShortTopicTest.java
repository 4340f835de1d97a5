package io.hiveiot.kit.thingsboard;

import io.hiveiot.kit.thingsboard.ShortTopic.Format;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShortTopicTest {

    @Test
    void everyShortTopic_isReadWithItsKindFormatAndId_theJsonAndProtoPrefixesFirst() {
        assertEquals(parsed(ShortTopic.TELEMETRY, Format.PROFILE, ""), ShortTopic.parse("v2/t"));
        assertEquals(parsed(ShortTopic.TELEMETRY, Format.JSON, ""), ShortTopic.parse("v2/t/j"));
        assertEquals(parsed(ShortTopic.ATTRIBUTES, Format.PROTOBUF, ""), ShortTopic.parse("v2/a/p"));
        assertEquals(parsed(ShortTopic.ATTRIBUTE_REQUEST, Format.PROFILE, "5"), ShortTopic.parse("v2/a/req/5"));
        assertEquals(parsed(ShortTopic.ATTRIBUTE_REQUEST, Format.JSON, "5"), ShortTopic.parse("v2/a/req/j/5"));
        assertEquals(parsed(ShortTopic.RPC_REQUEST, Format.PROTOBUF, "7"), ShortTopic.parse("v2/r/req/p/7"));
        assertEquals(parsed(ShortTopic.RPC_RESPONSE, Format.PROFILE, "x"), ShortTopic.parse("v2/r/res/x"));
        assertEquals(Optional.empty(), ShortTopic.parse("v2/t/x"));
        assertEquals(Optional.empty(), ShortTopic.parse("v2/fw/request/1/chunk/0"));
        assertEquals(Optional.empty(), ShortTopic.parse("v1/devices/me/telemetry"));
    }

    @Test
    void theTopicsOfAFamily_areThingsBoardsNames() {
        assertEquals("v2/a/j", TopicFamily.V2_JSON.attributes());
        assertEquals("v2/a/res/p/3", TopicFamily.V2_PROTOBUF.attributeResponse(3));
        assertEquals("v2/r/req/+", TopicFamily.V2.rpcRequestFilter());
        assertEquals("v2/r/res/j/+", TopicFamily.V2_JSON.rpcResponseFilter());
        assertEquals("v1/devices/me/rpc/request/4", TopicFamily.V1.rpcRequest(4));
        assertEquals("v1/devices/me/attributes", TopicFamily.V1.attributes());
        assertEquals(DeviceProfile.PayloadType.PROTOBUF, TopicFamily.V2_PROTOBUF.payloadType(DeviceProfile.DEFAULT));
        assertEquals(DeviceProfile.PayloadType.JSON, TopicFamily.V1.payloadType(DeviceProfile.DEFAULT));
    }

    private static Optional<ShortTopic.Parsed> parsed(final ShortTopic kind, final Format format, final String rest) {
        return Optional.of(new ShortTopic.Parsed(kind, format, rest));
    }
}
