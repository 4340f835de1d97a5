package io.hiveiot.benchmarks.scenario;

import io.hiveiot.benchmarks.load.Protocol;

import java.util.List;

/** A scenario as the command line names it: {@code connect} or {@code connect@3} (MQTT 3.1.1). */
public record ScenarioSpec(String name, Protocol protocol) {

    public static ScenarioSpec parse(final String text, final Protocol defaultProtocol) {
        final int at = text.indexOf('@');
        if (at < 0) {
            return new ScenarioSpec(check(text), defaultProtocol);
        }
        return new ScenarioSpec(check(text.substring(0, at)), Protocol.parse(text.substring(at + 1)));
    }

    public static List<ScenarioSpec> parseAll(final List<String> texts, final Protocol defaultProtocol) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("name at least one scenario");
        }
        return texts.stream().map(text -> parse(text, defaultProtocol)).toList();
    }

    /** {@code connect@5}, as results are keyed. */
    public String key() {
        return name + "@" + protocol.shortName();
    }

    private static String check(final String name) {
        Scenarios.byName(name);
        return name;
    }
}
