package io.hiveiot.benchmarks.broker;

import io.hiveiot.benchmarks.baseline.BaselineExtension;

import java.util.List;

/**
 * The brokers the scenarios are run against: every scenario on bare and hive-iot, telemetry also on the bare broker
 * with a consuming interceptor, connect and telemetry also on hive-iot on PostgreSQL when that is asked for.
 */
public enum BrokerKind {

    /** HiveMQ CE from the distribution's lib/, with only the benchmark's allow-all extension. */
    BARE("bare", "bare HiveMQ CE", List.of(started(BaselineExtension.ALLOW_ALL))),

    /**
     * The bare broker plus the benchmark's telemetry sink: telemetry consumed through an async interceptor and
     * stored nowhere, the ceiling of any extension that consumes and acknowledges it.
     */
    INTERCEPTOR(
            "interceptor",
            "bare HiveMQ CE + consuming interceptor",
            List.of(started(BaselineExtension.ALLOW_ALL), started(BaselineExtension.TELEMETRY_SINK))),

    /** The hive-iot distribution with all its extensions. */
    HIVE_IOT("hive-iot", "hive-iot", List.of("hive-iot-auth: started")),

    /** The same, keeping its data in PostgreSQL ({@code HIVE_IOT_DATABASE_URL}) instead of SQLite files. */
    HIVE_IOT_POSTGRESQL("hive-iot-pg", "hive-iot on PostgreSQL", List.of("hive-iot-auth: started"));

    private final String label;
    private final String displayName;
    private final List<String> startedLines;

    BrokerKind(final String label, final String displayName, final List<String> startedLines) {
        this.label = label;
        this.displayName = displayName;
        this.startedLines = startedLines;
    }

    /** {@code bare}, {@code hive-iot}, ..., as in the JSON lines. */
    public String label() {
        return label;
    }

    /** Whether this is a hive-iot distribution, with its registry and demo application. */
    public boolean hiveIot() {
        return this == HIVE_IOT || this == HIVE_IOT_POSTGRESQL;
    }

    public String displayName() {
        return displayName;
    }

    private static String started(final BaselineExtension extension) {
        return "Extension \"" + extension.displayName() + "\" version";
    }

    /** Log lines that prove the broker's extensions started. */
    List<String> startedLines() {
        return startedLines;
    }
}
