package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Protocol;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario as the command line names it: {@code connect} or {@code connect@3} (MQTT 3.1.1); telemetry also as
 * {@code telemetry:1000x4}, 1,000 devices with 4 publishes in flight each instead of {@code --telemetry-devices} and
 * {@code --inflight}, so that one run can measure several settings.
 *
 * @param variant {@code <devices>x<in flight>}, or empty
 */
public record ScenarioSpec(String name, Protocol protocol, String variant) {

    private static final Pattern VARIANT = Pattern.compile("(\\d+)x(\\d+)");

    public ScenarioSpec {
        if (!variant.isEmpty()
                && (!name.equals(TelemetryScenario.MAX_RATE)
                        || !VARIANT.matcher(variant).matches())) {
            throw new IllegalArgumentException("only telemetry has settings, as telemetry:<devices>x<in flight> "
                    + "(e.g. telemetry:1000x4), not " + name + ":" + variant);
        }
    }

    public ScenarioSpec(final String name, final Protocol protocol) {
        this(name, protocol, "");
    }

    public static ScenarioSpec parse(final String text, final Protocol defaultProtocol) {
        final int at = text.indexOf('@');
        final String named = at < 0 ? text : text.substring(0, at);
        final Protocol protocol = at < 0 ? defaultProtocol : Protocol.parse(text.substring(at + 1));
        final int colon = named.indexOf(':');
        return colon < 0
                ? new ScenarioSpec(check(named), protocol)
                : new ScenarioSpec(check(named.substring(0, colon)), protocol, named.substring(colon + 1));
    }

    /** The traffic of this spec: its variant's devices and in-flight window instead of the options'. */
    public TrafficSettings traffic(final TrafficSettings traffic) {
        if (variant.isEmpty()) {
            return traffic;
        }
        final Matcher matcher = VARIANT.matcher(variant);
        if (!matcher.matches()) {
            throw new IllegalStateException(variant);
        }
        return traffic.withDevices(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public static List<ScenarioSpec> parseAll(final List<String> texts, final Protocol defaultProtocol) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("name at least one scenario");
        }
        return texts.stream().map(text -> parse(text, defaultProtocol)).toList();
    }

    /** {@code connect@5} or {@code telemetry:1000x4@5}, as results are keyed. */
    public String key() {
        return name + (variant.isEmpty() ? "" : ":" + variant) + "@" + protocol.shortName();
    }

    private static String check(final String name) {
        Scenarios.byName(name);
        return name;
    }
}
