package io.hiveiot.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The driver's closing lines: the ratios hive-iot / bare, the targets, and one {@code comparison} JSON line. */
public final class ConsoleSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleSummary() {}

    public static void print(final List<Comparison> comparisons, final PrintStream out) {
        out.println();
        out.println("hive-iot / bare HiveMQ CE:");
        for (final Comparison comparison : comparisons) {
            for (final MetricCatalog.MetricInfo metric : MetricCatalog.of(comparison.scenario())) {
                if (metric.better() == MetricCatalog.Better.NEITHER) {
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "  %-30s %-26s bare %12s   hive-iot %12s   ratio %s%s%n",
                        comparison.label(),
                        metric.label() + (metric.unit().isEmpty() ? "" : " (" + metric.unit() + ")"),
                        metric.format(comparison.bare(metric.key())),
                        metric.format(comparison.hiveIot(metric.key())),
                        String.format(Locale.ROOT, "%.2f", comparison.ratio(metric.key())),
                        comparison.postgresql().isEmpty()
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "   on PostgreSQL %12s (%.2f x SQLite)",
                                        metric.format(comparison.postgresql(metric.key())),
                                        comparison.postgresqlToSqlite(metric.key())));
            }
        }
        for (final Targets.Verdict verdict : Targets.check(comparisons)) {
            out.printf(
                    "  target %-22s %s: %s -> %s%n",
                    verdict.scenario(),
                    verdict.target(),
                    verdict.measured(),
                    verdict.met() == null ? "n/a" : verdict.met() ? "met" : "NOT met");
        }
        final ObjectNode line = JSON.createObjectNode().put("type", "comparison");
        final ObjectNode ratios = line.putObject("ratios");
        for (final Comparison comparison : comparisons) {
            final ObjectNode scenario = ratios.putObject(comparison.key());
            for (final MetricCatalog.MetricInfo metric : MetricCatalog.of(comparison.scenario())) {
                final double ratio = comparison.ratio(metric.key());
                if (metric.better() != MetricCatalog.Better.NEITHER && !Double.isNaN(ratio)) {
                    scenario.put(metric.key(), Math.round(ratio * 1000) / 1000.0);
                }
            }
        }
        final ObjectNode targets = line.putObject("targets");
        Targets.check(comparisons).forEach(verdict -> {
            if (verdict.met() == null) {
                targets.putNull(verdict.scenario());
            } else {
                targets.put(verdict.scenario(), verdict.met());
            }
        });
        out.println(line);
    }
}
