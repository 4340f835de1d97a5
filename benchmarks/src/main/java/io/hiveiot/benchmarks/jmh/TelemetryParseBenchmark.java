package io.hiveiot.benchmarks.jmh;

import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.payload.TelemetryParser;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parsing and typing of {@code v1/devices/me/telemetry} payloads in ThingsBoard's shapes, with the
 * default limits, as extension-device-api does for every telemetry PUBLISH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TelemetryParseBenchmark {

    @Param({"flat", "ts-values", "ts-array", "mixed-20"})
    public String shape;

    private final TelemetryParser parser = new TelemetryParser(PayloadLimits.DEFAULTS);
    private byte[] payload;

    @Setup
    public void setUp() {
        final String json = switch (shape) {
            // The ThingsBoard quick-start payload.
            case "flat" -> "{\"temperature\":25,\"humidity\":61.5,\"active\":true}";
            case "ts-values" -> "{\"ts\":1451649600512,\"values\":{\"temperature\":25,\"humidity\":61.5}}";
            case "ts-array" ->
                "[{\"ts\":1451649600512,\"values\":{\"temperature\":25}},"
                        + "{\"ts\":1451649601512,\"values\":{\"temperature\":26}},"
                        + "{\"ts\":1451649602512,\"values\":{\"temperature\":27}}]";
            case "mixed-20" -> mixed20();
            default -> throw new IllegalArgumentException(shape);
        };
        payload = json.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public List<TsKvBatch> parse() throws BadPayloadException {
        return parser.parse(payload, 1_700_000_000_000L);
    }

    /** 20 keys of every type: integers, doubles, booleans, strings, a nested JSON object. */
    private static String mixed20() {
        final var json = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\"key").append(i).append("\":");
            switch (i % 5) {
                case 0 -> json.append(i * 1000);
                case 1 -> json.append(i + 0.25);
                case 2 -> json.append(i % 2 == 0);
                case 3 -> json.append("\"value-").append(i).append('"');
                default -> json.append("{\"nested\":").append(i).append('}');
            }
        }
        return json.append('}').toString();
    }
}
