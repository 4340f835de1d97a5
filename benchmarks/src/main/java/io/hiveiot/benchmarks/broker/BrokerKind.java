package io.hiveiot.benchmarks.broker;

import io.hiveiot.benchmarks.allowall.AllowAllExtension;

import java.util.List;

/** The two brokers every scenario is run against. */
public enum BrokerKind {

    /** HiveMQ CE from the distribution's lib/, with only the benchmark's allow-all extension. */
    BARE("bare", "bare HiveMQ CE", List.of("Extension \"" + AllowAllExtension.NAME + "\" version")),

    /** The hive-iot distribution with all its extensions. */
    HIVE_IOT("hive-iot", "hive-iot", List.of("hive-iot-auth: started"));

    private final String label;
    private final String displayName;
    private final List<String> startedLines;

    BrokerKind(final String label, final String displayName, final List<String> startedLines) {
        this.label = label;
        this.displayName = displayName;
        this.startedLines = startedLines;
    }

    /** {@code bare} or {@code hive-iot}, as in the JSON lines. */
    public String label() {
        return label;
    }

    public String displayName() {
        return displayName;
    }

    /** Log lines that prove the broker's extensions started. */
    List<String> startedLines() {
        return startedLines;
    }
}
