package io.hiveiot.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets of hive-iot against the bare broker, checked against the measured figures; the firmware download has
 * no numeric target, only the comparison with the bare broker, which is shown as its verdict without a judgement.
 */
public final class Targets {

    public static final double CONNECT_RATIO = 0.9;
    /** "At most 10 KB of heap per connected device above the bare broker": 10 KiB. */
    public static final double IDLE_HEAP_ABOVE_BARE_BYTES = 10 * 1024;
    /** Telemetry QoS 1 with storage: at least 0.7 x the bare broker's QoS 1 publish rate. */
    public static final double TELEMETRY_RATIO = 0.7;
    /** p99 publish-to-PUBACK under 20 ms at half of the max rate. */
    public static final double TELEMETRY_P99_MS = 20;
    /** RPC round trip p99 under 10 ms at 1,000 RPC/s. */
    public static final double RPC_P99_MS = 10;
    public static final double RPC_RATE = 1_000;
    /** The offered rate counts as held when this share of it was answered. */
    static final double RATE_HELD = 0.95;

    /** @param met null when the figures are missing */
    public record Verdict(String scenario, String target, String measured, Boolean met) {
    }

    private Targets() {
    }

    public static List<Verdict> check(final List<Comparison> comparisons) {
        final List<Verdict> verdicts = new ArrayList<>();
        for (final Comparison comparison : comparisons) {
            final String name = comparison.scenario() + " (" + comparison.protocolName() + ")";
            if (comparison.scenario().equals("connect")) {
                final double ratio = comparison.ratio("connects_per_s");
                verdicts.add(new Verdict(name, String.format(Locale.ROOT,
                        "connects/s with token auth >= %.1f x bare anonymous", CONNECT_RATIO),
                        Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f x", ratio),
                        Double.isNaN(ratio) ? null : ratio >= CONNECT_RATIO));
            } else if (comparison.scenario().equals("idle")) {
                final double above = comparison.difference("heap_per_connection_bytes");
                verdicts.add(new Verdict(name, "heap per idle device <= 10 KiB above bare",
                        Double.isNaN(above) ? "n/a" : String.format(Locale.ROOT, "%+.2f KiB", above / 1024),
                        Double.isNaN(above) ? null : above <= IDLE_HEAP_ABOVE_BARE_BYTES));
            } else if (comparison.scenario().equals("telemetry")) {
                telemetry(comparison, name, verdicts);
            } else if (comparison.scenario().equals("telemetry-fixed")) {
                final boolean qos1 = qos(comparison) == 1;
                final double p99 = comparison.hiveIot("ack_p99_ms");
                final double rate = comparison.hiveIot("target_rate_per_s");
                final boolean held = comparison.hiveIot("acked_per_s") >= RATE_HELD * rate;
                verdicts.add(new Verdict(name, String.format(Locale.ROOT,
                        "hive-iot QoS 1 p99 publish-to-PUBACK < %.0f ms at half of its max rate", TELEMETRY_P99_MS),
                        Double.isNaN(p99) ? "n/a" : String.format(Locale.ROOT, "%.2f ms at %,.0f msgs/s%s", p99, rate,
                                held ? "" : " (rate not held)"),
                        !qos1 || Double.isNaN(p99) ? null : p99 < TELEMETRY_P99_MS && held));
            } else if (comparison.scenario().equals("firmware")) {
                verdicts.add(firmware(comparison, name));
            } else if (comparison.scenario().equals("rpc")) {
                final double p99 = comparison.hiveIot("rtt_p99_ms");
                final double offered = comparison.hiveIot("target_rate_per_s");
                final double answered = comparison.hiveIot("rpc_per_s");
                final boolean held = answered >= RATE_HELD * offered;
                verdicts.add(new Verdict(name, String.format(Locale.ROOT,
                        "hive-iot round trip p99 < %.0f ms at %,.0f RPC/s", RPC_P99_MS, RPC_RATE),
                        Double.isNaN(p99) ? "n/a" : String.format(Locale.ROOT, "%.2f ms at %,.0f RPC/s answered", p99,
                                answered),
                        Double.isNaN(p99) || offered < RPC_RATE ? null : p99 < RPC_P99_MS && held));
            }
        }
        return verdicts;
    }

    /** Max-rate telemetry: the rate ratio, and every acknowledged message stored (rows counted, not assumed). */
    private static void telemetry(final Comparison comparison, final String name, final List<Verdict> verdicts) {
        final boolean qos1 = qos(comparison) == 1;
        final double ratio = comparison.ratio("acked_per_s");
        verdicts.add(new Verdict(name, String.format(Locale.ROOT,
                "QoS 1 msgs/s with storage >= %.1f x bare QoS 1", TELEMETRY_RATIO),
                Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f x", ratio),
                !qos1 || Double.isNaN(ratio) ? null : ratio >= TELEMETRY_RATIO));
        final double stored = comparison.hiveIot("stored_ratio");
        // Its own name: the comparison JSON line keys verdicts by scenario.
        verdicts.add(new Verdict(name + ", stored rows", "every acknowledged message stored (ts_kv rows / (acks x 3))",
                Double.isNaN(stored) ? "n/a" : String.format(Locale.ROOT, "%.4f", stored),
                !qos1 || Double.isNaN(stored) ? null : stored >= 1.0));
    }

    /** "MB/s served and heap against the bare broker": the ratios, and whether every device got the package. */
    private static Verdict firmware(final Comparison comparison, final String name) {
        final double rate = comparison.ratio("mb_per_s");
        final double heap = comparison.ratio("heap_peak_bytes");
        final double completed = comparison.hiveIot("completed");
        final double devices = comparison.hiveIot("connected");
        return new Verdict(name, "MiB/s served and heap peak against the bare broker (no numeric target)",
                Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.2f x MiB/s, %s heap peak; %,.0f of %,.0f "
                        + "devices verified", rate, Double.isNaN(heap) ? "n/a" : String.format(Locale.ROOT, "%.2f x", heap),
                        completed, devices),
                null);
    }

    /** The QoS the runs used (the same on both brokers), or -1. */
    private static int qos(final Comparison comparison) {
        return comparison.hiveIot().stream().findFirst().map(run -> (int) run.numericParameter("qos")).orElse(-1);
    }
}
