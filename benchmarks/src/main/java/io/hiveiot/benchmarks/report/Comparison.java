package io.hiveiot.benchmarks.report;

import io.hiveiot.benchmarks.broker.BrokerKind;
import io.hiveiot.benchmarks.scenario.ScenarioResult;
import io.hiveiot.benchmarks.stats.Rates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one scenario (and MQTT version) on both brokers. With several repeats a metric is the
 * median of its runs.
 */
public record Comparison(String key, String scenario, String protocol, List<ScenarioResult> bare,
                         List<ScenarioResult> hiveIot) {

    public static List<Comparison> of(final List<ScenarioResult> results) {
        final Map<String, List<ScenarioResult>> bare = new LinkedHashMap<>();
        final Map<String, List<ScenarioResult>> hiveIot = new LinkedHashMap<>();
        for (final ScenarioResult result : results) {
            bare.computeIfAbsent(result.key(), key -> new ArrayList<>());
            hiveIot.computeIfAbsent(result.key(), key -> new ArrayList<>());
            if (result.broker().equals(BrokerKind.BARE.label())) {
                bare.get(result.key()).add(result);
            } else if (result.broker().equals(BrokerKind.HIVE_IOT.label())) {
                hiveIot.get(result.key()).add(result);
            }
        }
        final List<Comparison> comparisons = new ArrayList<>();
        bare.forEach((key, runs) -> {
            final ScenarioResult any = runs.isEmpty() ? hiveIot.get(key).get(0) : runs.get(0);
            comparisons.add(new Comparison(key, any.scenario(), any.protocol(), List.copyOf(runs),
                    List.copyOf(hiveIot.get(key))));
        });
        return comparisons;
    }

    public double bare(final String metric) {
        return median(bare, metric);
    }

    public double hiveIot(final String metric) {
        return median(hiveIot, metric);
    }

    /** hive-iot / bare of the medians. */
    public double ratio(final String metric) {
        return Rates.ratio(hiveIot(metric), bare(metric));
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
