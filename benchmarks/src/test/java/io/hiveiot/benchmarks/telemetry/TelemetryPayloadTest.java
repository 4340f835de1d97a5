package io.hiveiot.benchmarks.telemetry;

import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.ValueType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelemetryPayloadTest {

    private static final long BASE = 1_764_633_600_000L;

    @Test
    void of_isTheTsValuesShapeWithThreeValues() {
        assertEquals(
                "{\"ts\":1764633600007,\"values\":{\"temperature\":20.7,\"humidity\":40.7,\"pressure\":1010.7}}",
                new String(TelemetryPayload.of(TelemetryPayload.ts(BASE, 7), 7), StandardCharsets.US_ASCII));
        assertEquals(
                "{\"ts\":1764633600199,\"values\":{\"temperature\":29.9,\"humidity\":49.9,\"pressure\":1019.9}}",
                new String(TelemetryPayload.of(TelemetryPayload.ts(BASE, 199), 99), StandardCharsets.US_ASCII));
    }

    /** hive-iot's own parser: one point per message at the client's ts, three DOUBLE values. */
    @Test
    void of_isParsedByTheDeviceApi_asThreeDoublesAtTheClientTs() throws Exception {
        final List<TsKvBatch> batches = new TelemetryParser(PayloadLimits.DEFAULTS)
                .parse(TelemetryPayload.of(TelemetryPayload.ts(BASE, 42), 42), 1L);
        assertEquals(1, batches.size());
        assertEquals(BASE + 42, batches.get(0).ts());
        assertEquals(
                TelemetryPayload.KEYS,
                batches.get(0).entries().stream().map(KeyValue::key).toList());
        assertTrue(batches.get(0).entries().stream()
                .allMatch(entry -> entry.value().type() == ValueType.DOUBLE));
    }

    @Test
    void ts_isUniquePerDevice_forMoreThanOneMessagePerMillisecond() {
        final Set<Long> seen = new HashSet<>();
        for (long seq = 0; seq < 10_000; seq++) {
            assertTrue(seen.add(TelemetryPayload.ts(BASE, seq)));
        }
    }
}
