package io.hiveiot.benchmarks.report;

import java.util.List;
import java.util.Map;

/** Which metrics of a scenario the report shows, in which order, and how to print them. */
public final class MetricCatalog {

    public enum Better {
        HIGHER,
        LOWER,
        NEITHER
    }

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
            "connect",
                    List.of(
                            new MetricInfo("connects_per_s", "connects/s", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("connack_p50_ms", "CONNACK p50", "ms", 1, 1, Better.LOWER),
                            new MetricInfo("connack_p99_ms", "CONNACK p99", "ms", 1, 1, Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_ms_per_connect", "broker CPU per connect", "ms", 1, 3, Better.LOWER),
                            new MetricInfo("connected", "connected", "", 1, 0, Better.NEITHER),
                            new MetricInfo("refused", "refused or unanswered", "", 1, 0, Better.NEITHER)),
            "idle",
                    List.of(
                            new MetricInfo(
                                    "heap_per_connection_bytes", "heap per connection", "KiB", 1024, 2, Better.LOWER),
                            new MetricInfo(
                                    "rss_per_connection_bytes", "RSS per connection", "KiB", 1024, 2, Better.LOWER),
                            new MetricInfo(
                                    "heap_after_bytes", "heap with all connected", "MiB", 1024 * 1024, 1, Better.LOWER),
                            new MetricInfo("still_connected", "connected at measurement", "", 1, 0, Better.NEITHER),
                            new MetricInfo("refused", "refused or unanswered", "", 1, 0, Better.NEITHER)),
            "telemetry",
                    List.of(
                            new MetricInfo("acked_per_s", "messages/s acknowledged", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("values_per_s", "values/s acknowledged", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("ack_p50_ms", "publish-to-ack p50", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_p99_ms", "publish-to-ack p99", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_p999_ms", "publish-to-ack p99.9", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_max_ms", "publish-to-ack max", "ms", 1, 1, Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_us_per_message",
                                    "broker CPU per message sent",
                                    "µs",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_us_per_acked",
                                    "broker CPU per acknowledged message (hive-iot: stored)",
                                    "µs",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_jit_cpu_us_per_message",
                                    "of it, JIT compiler threads",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "loadgen_cpu_us_per_message",
                                    "load generator CPU per message",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo("sent", "sent in the window", "", 1, 0, Better.NEITHER),
                            new MetricInfo("failed", "acknowledged with a failure", "", 1, 0, Better.NEITHER),
                            new MetricInfo("unacknowledged", "unacknowledged at the end", "", 1, 0, Better.NEITHER),
                            new MetricInfo("acked_total", "acknowledged in the whole run", "", 1, 0, Better.NEITHER),
                            new MetricInfo("stored_values", "stored values (points counted)", "", 1, 0, Better.NEITHER),
                            new MetricInfo("stored_ratio", "stored / (acknowledged x 3)", "", 1, 4, Better.NEITHER)),
            "telemetry-fixed",
                    List.of(
                            new MetricInfo("target_rate_per_s", "offered rate", "1/s", 1, 0, Better.NEITHER),
                            new MetricInfo("acked_per_s", "messages/s acknowledged", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("ack_p50_ms", "publish-to-ack p50", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_p99_ms", "publish-to-ack p99", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_p999_ms", "publish-to-ack p99.9", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_max_ms", "publish-to-ack max", "ms", 1, 1, Better.LOWER),
                            new MetricInfo("max_lag_ms", "pacer behind schedule at most", "ms", 1, 1, Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_us_per_message",
                                    "broker CPU per message sent",
                                    "µs",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_us_per_acked",
                                    "broker CPU per acknowledged message (hive-iot: stored)",
                                    "µs",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_jit_cpu_us_per_message",
                                    "of it, JIT compiler threads",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "loadgen_cpu_us_per_message",
                                    "load generator CPU per message",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo("failed", "acknowledged with a failure", "", 1, 0, Better.NEITHER),
                            new MetricInfo("unacknowledged", "unacknowledged at the end", "", 1, 0, Better.NEITHER),
                            new MetricInfo("stored_ratio", "stored / (acknowledged x 3)", "", 1, 4, Better.NEITHER)),
            "rpc",
                    List.of(
                            new MetricInfo("target_rate_per_s", "offered RPCs/s", "1/s", 1, 0, Better.NEITHER),
                            new MetricInfo("rpc_per_s", "round trips/s", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("rtt_p50_ms", "round trip p50", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("rtt_p99_ms", "round trip p99", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("rtt_p999_ms", "round trip p99.9", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("rtt_max_ms", "round trip max", "ms", 1, 1, Better.LOWER),
                            new MetricInfo("max_lag_ms", "pacer behind schedule at most", "ms", 1, 1, Better.LOWER),
                            new MetricInfo("broker_cpu_us_per_rpc", "broker CPU per RPC", "µs", 1, 1, Better.LOWER),
                            new MetricInfo(
                                    "broker_jit_cpu_us_per_rpc",
                                    "of it, JIT compiler threads",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "loadgen_cpu_us_per_rpc", "load generator CPU per RPC", "µs", 1, 1, Better.NEITHER),
                            new MetricInfo("failed", "failed", "", 1, 0, Better.NEITHER),
                            new MetricInfo("unanswered", "unanswered at the end", "", 1, 0, Better.NEITHER)),
            "gateway",
                    List.of(
                            new MetricInfo(
                                    "acked_per_s", "gateway messages/s acknowledged", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo(
                                    "device_messages_per_s", "sub-device messages/s", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("values_per_s", "values/s", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("ack_p50_ms", "publish-to-ack p50", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_p99_ms", "publish-to-ack p99", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("ack_max_ms", "publish-to-ack max", "ms", 1, 1, Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_us_per_message",
                                    "broker CPU per gateway message",
                                    "µs",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_jit_cpu_us_per_message",
                                    "of it, JIT compiler threads",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "loadgen_cpu_us_per_message",
                                    "load generator CPU per message",
                                    "µs",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo("failed", "acknowledged with a failure", "", 1, 0, Better.NEITHER),
                            new MetricInfo("unacknowledged", "unacknowledged at the end", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "stored_ratio",
                                    "stored / (acknowledged x sub-devices x 3)",
                                    "",
                                    1,
                                    4,
                                    Better.NEITHER)),
            "disk",
                    List.of(
                            new MetricInfo(
                                    "bytes_per_value", "bytes on disk per stored value", "B", 1, 2, Better.LOWER),
                            new MetricInfo(
                                    "file_bytes",
                                    "device-data.db and WAL after the stop",
                                    "MiB",
                                    1024 * 1024,
                                    2,
                                    Better.LOWER),
                            new MetricInfo("stored_values", "values stored (counted)", "", 1, 0, Better.NEITHER),
                            new MetricInfo("acked_values", "values acknowledged", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "chunk_data_bytes_per_value",
                                    "of it, encoded chunk data per value",
                                    "B",
                                    1,
                                    2,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "ingest_bytes",
                                    "of it, ingest rows not sealed yet",
                                    "MiB",
                                    1024 * 1024,
                                    2,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "free_bytes", "of it, SQLite's free pages", "MiB", 1024 * 1024, 2, Better.NEITHER),
                            new MetricInfo("chunks", "chunks", "", 1, 0, Better.NEITHER),
                            new MetricInfo("values_per_s", "values/s while loading", "1/s", 1, 0, Better.NEITHER)),
            "reads",
                    List.of(
                            new MetricInfo(
                                    "history_p50_ms",
                                    "history page of a 1,000,000-point series, p50",
                                    "ms",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "history_max_ms",
                                    "history page of a 1,000,000-point series, max",
                                    "ms",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo("history_entries", "entries of the page", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "aggregate_p50_ms",
                                    "1 h AVG over a day of 100 series, p50",
                                    "ms",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "aggregate_max_ms",
                                    "1 h AVG over a day of 100 series, max",
                                    "ms",
                                    1,
                                    1,
                                    Better.LOWER),
                            new MetricInfo("aggregate_entries", "entries of the aggregate", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "ingest_per_s",
                                    "ingest during the reads, acknowledged",
                                    "1/s",
                                    1,
                                    0,
                                    Better.NEITHER),
                            new MetricInfo("target_rate_per_s", "ingest offered", "1/s", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "load_points_per_s",
                                    "points/s while loading the history",
                                    "1/s",
                                    1,
                                    0,
                                    Better.NEITHER)),
            "firmware",
                    List.of(
                            new MetricInfo("mb_per_s", "MiB/s received by all devices", "MiB/s", 1, 1, Better.HIGHER),
                            new MetricInfo("chunks_per_s", "chunks/s", "1/s", 1, 0, Better.HIGHER),
                            new MetricInfo("chunk_p50_ms", "chunk request-to-chunk p50", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("chunk_p99_ms", "chunk request-to-chunk p99", "ms", 1, 2, Better.LOWER),
                            new MetricInfo("chunk_max_ms", "chunk request-to-chunk max", "ms", 1, 1, Better.LOWER),
                            new MetricInfo("download_p50_s", "download per device p50", "s", 1, 2, Better.LOWER),
                            new MetricInfo("download_max_s", "download per device max", "s", 1, 2, Better.LOWER),
                            new MetricInfo(
                                    "heap_peak_bytes",
                                    "broker heap used, peak during the download",
                                    "MiB",
                                    1024 * 1024,
                                    1,
                                    Better.LOWER),
                            new MetricInfo(
                                    "heap_before_bytes",
                                    "broker live heap before",
                                    "MiB",
                                    1024 * 1024,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "heap_after_bytes", "broker live heap after", "MiB", 1024 * 1024, 1, Better.LOWER),
                            new MetricInfo("broker_cpu_ms_per_mb", "broker CPU per MiB", "ms", 1, 1, Better.LOWER),
                            new MetricInfo(
                                    "broker_jit_cpu_ms_per_mb",
                                    "of it, JIT compiler threads",
                                    "ms",
                                    1,
                                    1,
                                    Better.NEITHER),
                            new MetricInfo(
                                    "loadgen_cpu_ms_per_mb", "load generator CPU per MiB", "ms", 1, 1, Better.NEITHER),
                            new MetricInfo("elapsed_s", "first request to last chunk", "s", 1, 2, Better.NEITHER),
                            new MetricInfo("completed", "devices completed, SHA-256 right", "", 1, 0, Better.NEITHER),
                            new MetricInfo("failed", "devices failed", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "unfinished", "devices unfinished at the time limit", "", 1, 0, Better.NEITHER)),
            "restart",
                    List.of(
                            new MetricInfo(
                                    "time_to_99_s", "time to 99% serving, from the port open", "s", 1, 2, Better.LOWER),
                            new MetricInfo("time_to_100_s", "time to 100% serving", "s", 1, 2, Better.LOWER),
                            new MetricInfo("time_to_50_s", "time to 50% serving", "s", 1, 2, Better.LOWER),
                            new MetricInfo(
                                    "first_serving_s", "time to the first device serving", "s", 1, 2, Better.LOWER),
                            new MetricInfo(
                                    "connected_99_s", "time to 99% connected (CONNACK)", "s", 1, 2, Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_s",
                                    "broker CPU, port open to the last device serving",
                                    "s",
                                    1,
                                    2,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_cpu_ms_per_device",
                                    "broker CPU per device serving",
                                    "ms",
                                    1,
                                    3,
                                    Better.LOWER),
                            new MetricInfo(
                                    "broker_jit_cpu_s", "of it, JIT compiler threads", "s", 1, 2, Better.NEITHER),
                            new MetricInfo(
                                    "loadgen_cpu_s",
                                    "load generator CPU over the same time",
                                    "s",
                                    1,
                                    2,
                                    Better.NEITHER),
                            new MetricInfo("start_s", "start: old JVM gone to port open", "s", 1, 2, Better.LOWER),
                            new MetricInfo("broker_start_cpu_s", "broker CPU to start", "s", 1, 2, Better.LOWER),
                            new MetricInfo("stop_s", "stop: SIGTERM to exit", "s", 1, 2, Better.LOWER),
                            new MetricInfo("serving", "devices serving at the end", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "session_lost", "devices back without their session", "", 1, 0, Better.NEITHER),
                            new MetricInfo("refused", "failed after the port opened", "", 1, 0, Better.NEITHER),
                            new MetricInfo(
                                    "attempts_while_down", "attempts at the closed port", "", 1, 0, Better.NEITHER)));

    private MetricCatalog() {}

    public static List<MetricInfo> of(final String scenario) {
        return BY_SCENARIO.getOrDefault(scenario, List.of());
    }
}
