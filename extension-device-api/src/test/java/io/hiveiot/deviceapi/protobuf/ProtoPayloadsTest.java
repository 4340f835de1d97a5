package io.hiveiot.deviceapi.protobuf;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.sensor.SensorProto;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile schemas compiled from their text, payloads encoded by classes protoc generated, read as ThingsBoard does. */
class ProtoPayloadsTest {

    private final ProtoPayloads payloads = new ProtoPayloads(new Schemas(), PayloadLimits.DEFAULTS);

    private static DeviceProfile profile(final String telemetry) {
        return new DeviceProfile(
                "pb",
                DeviceProfile.PayloadType.PROTOBUF,
                DeviceTopic.TELEMETRY,
                DeviceTopic.ATTRIBUTES,
                DeviceTopic.ATTRIBUTES,
                Map.of(DeviceProfile.Schema.TELEMETRY, telemetry));
    }

    @Test
    void aReading_isPrintedAsThingsBoardPrintsIt_withDefaultsAndLongsAsStrings() throws Exception {
        final byte[] reading = SensorProto.SensorReading.newBuilder()
                .setTemperature(21.5)
                .setUptime(123456789012L)
                .setLabel("kitchen")
                .addSamples(1)
                .addSamples(2)
                .setLocation(SensorProto.Location.newBuilder().setLat(48.1).setLon(11.6))
                .build()
                .toByteArray();
        final String json = new String(
                payloads.toJson(profile(SensorSchemas.TELEMETRY), DeviceProfile.Schema.TELEMETRY, reading),
                StandardCharsets.UTF_8);
        final List<TsKvBatch> batches =
                new TelemetryParser(PayloadLimits.DEFAULTS).parse(json.getBytes(StandardCharsets.UTF_8), 1_000L);
        final Map<String, TypedValue> values = new LinkedHashMap<>();
        batches.get(0).entries().forEach(entry -> values.put(entry.key(), entry.value()));
        assertEquals(new TypedValue.DoubleValue(21.5), values.get("temperature"));
        assertEquals(new TypedValue.LongValue(123456789012L), values.get("uptime"));
        assertEquals(new TypedValue.BooleanValue(false), values.get("alarm"));
        assertEquals(new TypedValue.StringValue("kitchen"), values.get("label"));
        assertEquals(new TypedValue.JsonValue("[1,2]"), values.get("samples"));
        assertEquals(new TypedValue.JsonValue("{\"lat\":48.1,\"lon\":11.6}"), values.get("location"));
    }

    @Test
    void bytesThatAreNoSuchMessage_areABadPayload() {
        final BadPayloadException e = assertThrows(
                BadPayloadException.class,
                () -> payloads.toJson(profile(SensorSchemas.TELEMETRY), DeviceProfile.Schema.TELEMETRY, new byte[] {
                    0x0A, (byte) 0xFF, 0x01
                }));
        assertEquals(BadPayloadException.Kind.INVALID_PROTOBUF, e.kind());
        assertEquals("not a SensorReading message", e.reason());
    }

    @Test
    void aSchemaThatDoesNotCompile_refusesThePayload_withTheSchemasProblem() {
        for (final String schema : List.of(
                "message A { int32 x = 1; }",
                "syntax = \"proto3\"; message A { int32 x",
                "syntax = \"proto3\"; import \"other.proto\"; message A { int32 x = 1; }",
                "syntax = \"proto3\"; enum E { A = 0; }",
                "syntax = \"proto3\"; message A { Missing m = 1; }")) {
            final BadPayloadException e = assertThrows(
                    BadPayloadException.class,
                    () -> payloads.toJson(profile(schema), DeviceProfile.Schema.TELEMETRY, new byte[0]),
                    schema);
            assertTrue(e.reason().startsWith("the device profile's telemetry schema "), e.reason());
        }
    }

    @Test
    void aProtobufGatewaysTelemetry_keepsTheTypesTheGatewayGaveIt() throws Exception {
        final var kvs = TransportMessages.builder("TsKvListProto");
        TransportMessages.set(kvs, "ts", 42L);
        TransportMessages.add(kvs, "kv", KeyValues.write(new KeyValue("count", new TypedValue.LongValue(7))));
        TransportMessages.add(kvs, "kv", KeyValues.write(new KeyValue("label", new TypedValue.StringValue("73"))));
        final var post = TransportMessages.builder("PostTelemetryMsg");
        TransportMessages.add(post, "tsKvList", kvs.build());
        final var telemetry = TransportMessages.builder("TelemetryMsg");
        TransportMessages.set(telemetry, "deviceName", "A");
        TransportMessages.set(telemetry, "msg", post.build());
        final var message = TransportMessages.builder("GatewayTelemetryMsg");
        TransportMessages.add(message, "msg", telemetry.build());

        final var devices = payloads.gatewayTelemetry(message.build().toByteArray());
        assertEquals(List.of("A"), List.copyOf(devices.keySet()));
        final TsKvBatch batch = devices.get("A").get(0);
        assertEquals(42L, batch.ts());
        assertEquals(
                List.of(
                        new KeyValue("count", new TypedValue.LongValue(7)),
                        new KeyValue("label", new TypedValue.StringValue("73"))),
                batch.entries());
        assertThrows(BadPayloadException.class, () -> payloads.gatewayTelemetry(new byte[] {0x0A, 0x03, 0x0A}));
    }

    @Test
    void mapsOneofsNestedTypesAndEnums_compile() throws Exception {
        final String schema = """
                syntax = "proto3";
                message Reading {
                  enum Unit { CELSIUS = 0; KELVIN = 1; }
                  message Inner { string name = 1; }
                  map<string, int32> counters = 1;
                  oneof value { double number = 2; string text = 3; }
                  Unit unit = 4;
                  Inner inner = 5;
                  optional int32 maybe = 6;
                }
                """;
        final var message = new Schemas().message(schema);
        assertEquals("Reading", message.getName());
        assertEquals(6, message.getFields().size());
        assertTrue(message.findFieldByName("counters").isMapField());
    }
}
