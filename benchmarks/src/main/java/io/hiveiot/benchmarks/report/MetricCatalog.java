package io.hiveiot.benchmarks.report;

import java.util.List;
import java.util.Map;

/** Which metrics of a scenario the report shows, in which order, and how to print them. */
public final class MetricCatalog {

    public enum Better { HIGHER, LOWER, NEITHER }

    /**
     * @param scale the metric's value is divided by this for display (bytes to KiB)
     */
    public record MetricInfo(String key, String label, String unit, double scale, int decimals, Better better) {

        public String format(final double value) {
            if (Double.isNaN(value)) {
                return "n/a";
            }
            return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value / scale);
        }
    }

    private static final Map<String, List<MetricInfo>> BY_SCENARIO = Map.of(
            "connect", List.of(
                    new MetricInfo("connects_per_s", "connects/s", "1/s", 1, 0, Better.HIGHER),
                    new MetricInfo("connack_p50_ms", "CONNACK p50", "ms", 1, 1, Better.LOWER),
                    new MetricInfo("connack_p99_ms", "CONNACK p99", "ms", 1, 1, Better.LOWER),
                    new MetricInfo("broker_cpu_ms_per_connect", "broker CPU per connect", "ms", 1, 3, Better.LOWER),
                    new MetricInfo("connected", "connected", "", 1, 0, Better.NEITHER),
                    new MetricInfo("refused", "refused or unanswered", "", 1, 0, Better.NEITHER)),
            "idle", List.of(
                    new MetricInfo("heap_per_connection_bytes", "heap per connection", "KiB", 1024, 2, Better.LOWER),
                    new MetricInfo("rss_per_connection_bytes", "RSS per connection", "KiB", 1024, 2, Better.LOWER),
                    new MetricInfo("heap_after_bytes", "heap with all connected", "MiB", 1024 * 1024, 1, Better.LOWER),
                    new MetricInfo("still_connected", "connected at measurement", "", 1, 0, Better.NEITHER),
                    new MetricInfo("refused", "refused or unanswered", "", 1, 0, Better.NEITHER)));

    private MetricCatalog() {
    }

    public static List<MetricInfo> of(final String scenario) {
        return BY_SCENARIO.getOrDefault(scenario, List.of());
    }
}
