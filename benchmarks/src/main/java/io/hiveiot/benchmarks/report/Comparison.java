package io.hiveiot.benchmarks.report;

import io.hiveiot.benchmarks.broker.BrokerKind;
import io.hiveiot.benchmarks.scenario.ScenarioResult;
import io.hiveiot.benchmarks.stats.Rates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one scenario (its settings and MQTT version) on every broker: bare and hive-iot, for telemetry also
 * the bare broker with a consuming interceptor, and hive-iot on PostgreSQL where it ran. With several repeats a
 * metric is the median of its runs.
 *
 * @param variant the scenario's settings ({@code 1000x4}), or empty
 */
public record Comparison(
        String key,
        String scenario,
        String variant,
        String protocol,
        List<ScenarioResult> bare,
        List<ScenarioResult> interceptor,
        List<ScenarioResult> hiveIot,
        List<ScenarioResult> postgresql) {

    public static List<Comparison> of(final List<ScenarioResult> results) {
        final Map<String, Map<String, List<ScenarioResult>>> byKey = new LinkedHashMap<>();
        for (final ScenarioResult result : results) {
            byKey.computeIfAbsent(result.key(), key -> new LinkedHashMap<>())
                    .computeIfAbsent(result.broker(), broker -> new ArrayList<>())
                    .add(result);
        }
        final List<Comparison> comparisons = new ArrayList<>();
        byKey.forEach((key, runs) -> {
            final ScenarioResult any = runs.values().iterator().next().get(0);
            comparisons.add(new Comparison(
                    key,
                    any.scenario(),
                    any.variant(),
                    any.protocol(),
                    runs(runs, BrokerKind.BARE),
                    runs(runs, BrokerKind.INTERCEPTOR),
                    runs(runs, BrokerKind.HIVE_IOT),
                    runs(runs, BrokerKind.HIVE_IOT_POSTGRESQL)));
        });
        return comparisons;
    }

    private static List<ScenarioResult> runs(final Map<String, List<ScenarioResult>> byBroker, final BrokerKind kind) {
        return List.copyOf(byBroker.getOrDefault(kind.label(), List.of()));
    }

    /** {@code telemetry 1000x4 (MQTT 5)}: the scenario with its settings and MQTT version, for tables. */
    public String label() {
        return scenario + (variant.isEmpty() ? "" : " " + variant) + " (" + protocolName() + ")";
    }

    public double bare(final String metric) {
        return median(bare, metric);
    }

    public double interceptor(final String metric) {
        return median(interceptor, metric);
    }

    /** hive-iot / the bare broker with a consuming interceptor, of the medians. */
    public double ratioToInterceptor(final String metric) {
        return Rates.ratio(hiveIot(metric), interceptor(metric));
    }

    public double hiveIot(final String metric) {
        return median(hiveIot, metric);
    }

    /** hive-iot / bare of the medians. */
    public double ratio(final String metric) {
        return Rates.ratio(hiveIot(metric), bare(metric));
    }

    /** hive-iot on PostgreSQL, the median. */
    public double postgresql(final String metric) {
        return median(postgresql, metric);
    }

    /** hive-iot on PostgreSQL / hive-iot on SQLite, of the medians. */
    public double postgresqlToSqlite(final String metric) {
        return Rates.ratio(postgresql(metric), hiveIot(metric));
    }

    public double difference(final String metric) {
        return hiveIot(metric) - bare(metric);
    }

    public String protocolName() {
        return protocol.equals("5") ? "MQTT 5" : "MQTT 3.1.1";
    }

    private static double median(final List<ScenarioResult> runs, final String metric) {
        return Rates.median(runs.stream().mapToDouble(run -> run.metric(metric)).toArray());
    }
}
