package io.hiveiot.benchmarks.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.benchmarks.load.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioSpecTest {

    @Test
    void parse_nameWithOrWithoutVersion() {
        assertEquals(new ScenarioSpec("connect", Protocol.MQTT_5), ScenarioSpec.parse("connect", Protocol.MQTT_5));
        assertEquals(
                new ScenarioSpec("connect", Protocol.MQTT_3_1_1), ScenarioSpec.parse("connect@3", Protocol.MQTT_5));
        assertEquals("idle@5", ScenarioSpec.parse("idle@5", Protocol.MQTT_3_1_1).key());
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("connect@4", Protocol.MQTT_5));
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parseAll(List.of(), Protocol.MQTT_5));
    }

    @Test
    void parse_deviceApiScenarios_areAvailable_unknownIsRefused() {
        assertEquals(
                "telemetry@5", ScenarioSpec.parse("telemetry", Protocol.MQTT_5).key());
        assertEquals("rpc@3", ScenarioSpec.parse("rpc@3", Protocol.MQTT_5).key());
        final var error =
                assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("storm", Protocol.MQTT_5));
        assertTrue(error.getMessage().contains("telemetry, rpc"), error.getMessage());
    }

    @Test
    void parse_telemetryWithDevicesAndInflight_overridesTheOptions_andKeysItsResultsApart() {
        final ScenarioSpec spec = ScenarioSpec.parse("telemetry:1000x4@5", Protocol.MQTT_3_1_1);
        assertEquals("telemetry:1000x4@5", spec.key());
        final TrafficSettings traffic = spec.traffic(new TrafficSettings(
                100,
                com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE,
                1,
                java.util.OptionalDouble.empty(),
                java.time.Duration.ofSeconds(15),
                java.time.Duration.ofSeconds(15),
                100,
                1000,
                100,
                java.time.Duration.ofSeconds(5),
                null,
                null,
                null));
        assertEquals(1000, traffic.telemetryDevices());
        assertEquals(4, traffic.inflight());
        final var result = new ScenarioResult("telemetry", "5", "hive-iot", Map.of(), Map.of(), Map.of())
                .withVariant(spec.variant());
        assertEquals("telemetry:1000x4@5", result.key());
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("connect:1000x4", Protocol.MQTT_5));
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("telemetry:many", Protocol.MQTT_5));
        assertEquals("disk@5", ScenarioSpec.parse("disk", Protocol.MQTT_5).key());
        assertEquals("reads@5", ScenarioSpec.parse("reads", Protocol.MQTT_5).key());
    }

    @Test
    void result_withMetrics_addsAndKeepsTheRest() {
        final var result = new ScenarioResult(
                "telemetry",
                "5",
                "hive-iot",
                Map.of("ts_from", 1_700_000_000_000L),
                Map.of("acked_total", 10.0),
                Map.of());
        final var stored = result.withMetrics(Map.of("stored_ratio", 1.0));
        assertEquals(10.0, stored.metric("acked_total"));
        assertEquals(1.0, stored.metric("stored_ratio"));
        assertEquals(1_700_000_000_000.0, stored.numericParameter("ts_from"));
        assertTrue(Double.isNaN(stored.numericParameter("missing")));
    }

    @Test
    void limits_outOfRange_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(java.time.Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new Limits(java.time.Duration.ofHours(2), 1));
        assertThrows(IllegalArgumentException.class, () -> new Limits(java.time.Duration.ofSeconds(1), 0));
    }

    @Test
    void result_jsonLine_roundTripsAndWritesNaNAsNull() throws Exception {
        final var result = new ScenarioResult(
                "connect",
                "5",
                "bare",
                Map.of("devices", 10),
                Map.of("connects_per_s", 123.45678, "connack_p99_ms", Double.NaN),
                Map.of("0x86 BAD_USER_NAME_OR_PASSWORD", 2L));
        final String line = result.toJsonLine();
        assertTrue(line.startsWith("{\"type\":\"result\""), line);
        assertTrue(line.contains("\"connack_p99_ms\":null"), line);
        assertTrue(line.contains("\"connects_per_s\":123.457"), line);
        final var back = ScenarioResult.fromJson((ObjectNode) new ObjectMapper().readTree(line));
        assertEquals("connect@5", back.key());
        assertEquals(123.457, back.metric("connects_per_s"), 1e-9);
        assertTrue(Double.isNaN(back.metric("connack_p99_ms")));
        assertTrue(Double.isNaN(back.metric("missing")));
        assertEquals(2L, back.refusals().get("0x86 BAD_USER_NAME_OR_PASSWORD"));
        assertEquals(10, back.parameters().get("devices"));
    }
}
