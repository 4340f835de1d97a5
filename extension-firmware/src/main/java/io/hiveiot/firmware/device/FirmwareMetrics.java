package io.hiveiot.firmware.device;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.hiveiot.firmware.chunk.OtaError;

import java.util.EnumMap;
import java.util.Map;

/**
 * The extension's metrics, under {@value #PREFIX} in HiveMQ's registry (exported as they are by HiveMQ's Prometheus
 * extension).
 */
public final class FirmwareMetrics {

    public static final String PREFIX = "hive-iot.firmware.";

    public final Counter chunksServed;
    public final Counter chunkBytes;
    public final Counter rolloutReports;
    public final Counter rolloutRefused;
    public final Counter assignmentReads;
    private final Map<OtaError, Counter> chunkErrors = new EnumMap<>(OtaError.class);

    public FirmwareMetrics(final MetricRegistry registry) {
        chunksServed = registry.counter(PREFIX + "chunks.served");
        chunkBytes = registry.counter(PREFIX + "chunks.bytes");
        rolloutReports = registry.counter(PREFIX + "rollout.reports");
        rolloutRefused = registry.counter(PREFIX + "rollout.refused");
        assignmentReads = registry.counter(PREFIX + "assignments.reads");
        for (final OtaError error : OtaError.values()) {
            chunkErrors.put(error, registry.counter(PREFIX + "chunks.error." + error.metricName()));
        }
    }

    public void chunkError(final OtaError error) {
        chunkErrors.get(error).inc();
    }
}
