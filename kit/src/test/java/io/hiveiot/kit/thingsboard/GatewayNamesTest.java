package io.hiveiot.kit.thingsboard;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static io.hiveiot.kit.thingsboard.DeviceProfile.PayloadType.JSON;
import static io.hiveiot.kit.thingsboard.DeviceProfile.PayloadType.PROTOBUF;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayNamesTest {

    @Test
    void json_namesAreTheMembersOfDataTopics_andTheDeviceOfTheOthers() {
        assertEquals(
                Optional.of(List.of("A", "B")),
                names(GatewayTopic.TELEMETRY, "{\"A\":[{\"ts\":1,\"values\":{\"a\":{\"deep\":[1,2]}}}],B:[{x:1}]}"));
        assertEquals(Optional.of(List.of("A")), names(GatewayTopic.ATTRIBUTES, "{'A':{'k':1},'A':{'k':2}}"));
        assertEquals(Optional.of(List.of("A")), names(GatewayTopic.CONNECT, "{\"device\":\"A\",\"type\":\"t\"}"));
        assertEquals(
                Optional.of(List.of("A")),
                names(GatewayTopic.ATTRIBUTES_REQUEST, "{\"id\":1,\"client\":true,\"device\":\"A\",\"keys\":[\"a\"]}"));
        assertEquals(Optional.of(List.of("A")), names(GatewayTopic.RPC, "{\"device\":\"A\",\"id\":0,\"data\":{}}"));
    }

    @Test
    void json_thatIsNotOfTheTopicsShape_namesNothing() {
        assertEquals(Optional.empty(), names(GatewayTopic.TELEMETRY, "[1]"));
        assertEquals(Optional.empty(), names(GatewayTopic.TELEMETRY, "{\"A\":"));
        assertEquals(Optional.empty(), names(GatewayTopic.CONNECT, "{\"device\":1}"));
        assertEquals(Optional.empty(), names(GatewayTopic.CONNECT, "{\"device\":\"\"}"));
        assertEquals(Optional.empty(), names(GatewayTopic.TELEMETRY, "{\"\":[]}"));
        assertEquals(Optional.empty(), names(GatewayTopic.TELEMETRY, "{\"A\":[],\"B\":{\"t\":1}}"));
        assertEquals(Optional.empty(), names(GatewayTopic.ATTRIBUTES, "{\"A\":{},\"B\":[1]}"));
        assertEquals(Optional.empty(), names(GatewayTopic.CLAIM, "{\"A\":\"secret\"}"));
        assertEquals(Optional.empty(), names(GatewayTopic.ATTRIBUTES_RESPONSE, "{\"device\":\"A\"}"));
        assertEquals(Optional.empty(), names("v1/gateway/unknown", "{\"device\":\"A\"}"));
    }

    @Test
    void protobuf_namesAreTheDeviceNameFieldsOfThingsBoardsGatewayMessages() {
        final byte[] telemetry = concat(
                field(1, concat(field(1, utf8("A")), field(3, new byte[] {8, 1}))), field(1, field(1, utf8("B"))));
        assertEquals(Optional.of(List.of("A", "B")), GatewayNames.of(GatewayTopic.TELEMETRY, telemetry, PROTOBUF));
        assertEquals(
                Optional.of(List.of("A")),
                GatewayNames.of(GatewayTopic.CONNECT, concat(field(1, utf8("A")), field(2, utf8("t"))), PROTOBUF));
        assertEquals(
                Optional.of(List.of("A")),
                GatewayNames.of(
                        GatewayTopic.ATTRIBUTES_REQUEST,
                        concat(new byte[] {8, 1}, field(2, utf8("A")), new byte[] {24, 1}),
                        PROTOBUF));
        assertEquals(Optional.empty(), GatewayNames.of(GatewayTopic.CONNECT, new byte[] {10, 5, 'A'}, PROTOBUF));
    }

    private static Optional<List<String>> names(final String topic, final String json) {
        return GatewayNames.of(topic, json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A length-delimited field (wire type 2) of a small message. */
    private static byte[] field(final int number, final byte[] value) {
        return concat(new byte[] {(byte) (number << 3 | 2), (byte) value.length}, value);
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
