package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.cli.Options;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the firmware scenario loads the broker.
 *
 * @param devices     devices that download (the first ones of the fleet)
 * @param size        the package's size in bytes
 * @param chunkSize   the chunk size each device asks for
 * @param servers     bare broker: the load generator's server clients that answer the requests (one connection is
 *                    one broker event-loop thread and at most the broker's receive maximum of chunks in flight)
 */
public record FirmwareLoad(int devices, int size, int chunkSize, int servers) {

    /** hive-iot-firmware's default {@code packages/max-size}. */
    static final int MAX_SIZE = 32 * 1024 * 1024;
    /** hive-iot-firmware's default {@code chunks/max-chunk-size}: larger chunks are refused there. */
    static final int MAX_CHUNK = 1024 * 1024;
    /** ThingsBoard's Arduino SDK's default ({@code OTA_Update_Callback}'s {@code CHUNK_SIZE}, 4 KiB). */
    static final int DEFAULT_CHUNK = 4096;

    public FirmwareLoad {
        if (devices < 1 || size < 1 || chunkSize < 1 || servers < 1) {
            throw new IllegalArgumentException("--fw-devices, --fw-size, --fw-chunk and --fw-servers are at least 1");
        }
    }

    public static FirmwareLoad read(final Options options) {
        return new FirmwareLoad(
                options.integer("fw-devices", 1_000, 1, 100_000),
                options.integer("fw-size", 1024 * 1024, 1, MAX_SIZE),
                options.integer("fw-chunk", DEFAULT_CHUNK, 1, MAX_CHUNK),
                options.integer("fw-servers", 1, 1, 64));
    }

    /** For the report, in display order. */
    public Map<String, String> display() {
        final Map<String, String> display = new LinkedHashMap<>();
        display.put("firmware devices", Integer.toString(devices));
        display.put("firmware package", String.format(Locale.ROOT, "%,d bytes", size));
        display.put("firmware chunk size", String.format(Locale.ROOT, "%,d bytes", chunkSize));
        display.put("firmware server clients (bare)", Integer.toString(servers));
        return display;
    }
}
