package io.hiveiot.benchmarks.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one scenario run against one broker: parameters, metrics (numbers whose key ends in
 * their unit: {@code _per_s}, {@code _ms}, {@code _bytes}, {@code _s}), and failures by reason (refused
 * CONNECTs; for telemetry and rpc also failed publishes and RPCs, prefixed {@code PUBLISH} and {@code RPC}).
 * {@link #toJson()} is the machine-readable line every run ends with.
 */
public record ScenarioResult(
        String scenario,
        String protocol,
        String broker,
        Map<String, Object> parameters,
        Map<String, Double> metrics,
        Map<String, Long> refusals) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ScenarioResult {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        refusals = Collections.unmodifiableMap(new TreeMap<>(refusals));
    }

    /** The parameter naming a scenario's settings ({@code 1000x4} of {@code telemetry:1000x4}). */
    public static final String VARIANT = "variant";

    /** {@code connect@5}: the scenario, its settings and its MQTT version, which is how results are paired. */
    public String key() {
        return scenario + (variant().isEmpty() ? "" : ":" + variant()) + "@" + protocol;
    }

    /** {@code 1000x4} of a run of {@code telemetry:1000x4}, else empty. */
    public String variant() {
        return parameters.get(VARIANT) instanceof String text ? text : "";
    }

    /** This result of the scenario run with {@code variant}'s settings. */
    public ScenarioResult withVariant(final String variant) {
        if (variant.isEmpty()) {
            return this;
        }
        final Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put(VARIANT, variant);
        return new ScenarioResult(scenario, protocol, broker, all, metrics, refusals);
    }

    public double metric(final String name) {
        final Double value = metrics.get(name);
        return value == null ? Double.NaN : value;
    }

    /** This result with more metrics, e.g. the stored rows the driver counted after the broker stopped. */
    public ScenarioResult withMetrics(final Map<String, Double> more) {
        final Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(more);
        return new ScenarioResult(scenario, protocol, broker, parameters, all, refusals);
    }

    /** A numeric parameter, or NaN when it is missing or not a number. */
    public double numericParameter(final String name) {
        return parameters.get(name) instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    public ObjectNode toJson() {
        final ObjectNode node = JSON.createObjectNode()
                .put("type", "result")
                .put("scenario", scenario)
                .put("mqtt", protocol)
                .put("broker", broker);
        final ObjectNode params = node.putObject("parameters");
        parameters.forEach((name, value) -> params.set(name, JSON.valueToTree(value)));
        final ObjectNode values = node.putObject("metrics");
        metrics.forEach((name, value) -> {
            if (value == null || value.isNaN() || value.isInfinite()) {
                values.putNull(name);
            } else {
                values.put(name, round(value));
            }
        });
        final ObjectNode failed = node.putObject("refusals");
        refusals.forEach(failed::put);
        return node;
    }

    public String toJsonLine() {
        return toJson().toString();
    }

    public static ScenarioResult fromJson(final ObjectNode node) {
        final Map<String, Object> params = new LinkedHashMap<>();
        node.path("parameters")
                .properties()
                .forEach(field -> params.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class)));
        final Map<String, Double> metrics = new LinkedHashMap<>();
        node.path("metrics")
                .properties()
                .forEach(field -> metrics.put(
                        field.getKey(),
                        field.getValue().isNull()
                                ? Double.NaN
                                : field.getValue().asDouble()));
        final Map<String, Long> refusals = new TreeMap<>();
        node.path("refusals")
                .properties()
                .forEach(field -> refusals.put(field.getKey(), field.getValue().asLong()));
        return new ScenarioResult(
                node.path("scenario").asText(),
                node.path("mqtt").asText(),
                node.path("broker").asText(),
                params,
                metrics,
                refusals);
    }

    /** Three decimals are more than any of these figures can tell. */
    private static double round(final double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
