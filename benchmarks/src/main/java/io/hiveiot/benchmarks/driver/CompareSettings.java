package io.hiveiot.benchmarks.driver;

import io.hiveiot.benchmarks.cli.Options;
import io.hiveiot.benchmarks.load.Fleet;
import io.hiveiot.benchmarks.load.Protocol;
import io.hiveiot.benchmarks.load.Template;
import io.hiveiot.benchmarks.scenario.FirmwareScenario;
import io.hiveiot.benchmarks.scenario.GatewayScenario;
import io.hiveiot.benchmarks.scenario.Limits;
import io.hiveiot.benchmarks.scenario.RestartScenario;
import io.hiveiot.benchmarks.scenario.ScenarioSpec;
import io.hiveiot.benchmarks.scenario.TrafficSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options of {@code compare}, read and checked once; defaults suit a short trial run. */
public record CompareSettings(
        Path distribution,
        Path out,
        List<ScenarioSpec> scenarios,
        int devices,
        int warmup,
        int concurrency,
        Limits limits,
        Duration hold,
        Duration settle,
        int repeat,
        String heap,
        boolean profile,
        int provisionWindow,
        Template nameTemplate,
        Template clientIdTemplate,
        Template tokenTemplate,
        boolean keepWorkspace,
        TrafficSettings traffic,
        boolean postgresql) {

    public static final Set<String> FLAGS = Set.of("jfr", "keep-workspace", "postgresql");
    /** The scenarios that run on hive-iot on PostgreSQL too, with {@code --postgresql}. */
    public static final Set<String> ON_POSTGRESQL = Set.of("connect", "telemetry");
    /** About twelve minutes on 2 cores with the other defaults. */
    public static final String DEFAULT_SCENARIOS = "connect,idle,telemetry,rpc,firmware";
    /**
     * The message limit when none is given: far above what a default run sends (connect and idle send one
     * CONNECT per device, which the device count bounds anyway), so the time limit is what ends a run.
     */
    public static final int DEFAULT_MAX_MESSAGES = 10_000_000;

    public static CompareSettings read(final Options options, final Path home) {
        final int devices = options.integer("devices", 2_000, 1, 100_000);
        final Protocol protocol = Protocol.parse(options.text("mqtt", "5"));
        final var settings = new CompareSettings(
                home.resolve(options.text("distribution", "../hivemq-config/target/hive-iot"))
                        .normalize(),
                home.resolve(options.text("out", "target/bench-results")).normalize(),
                ScenarioSpec.parseAll(options.list("scenarios", DEFAULT_SCENARIOS), protocol),
                devices,
                options.integer("warmup", 500, 0, 100_000),
                options.integer("concurrency", 100, 1, 10_000),
                new Limits(
                        options.seconds("time-limit", Duration.ofSeconds(60), Limits.MAX_TIME_LIMIT),
                        options.integer("max-messages", DEFAULT_MAX_MESSAGES, 1, Integer.MAX_VALUE)),
                options.seconds("hold", Duration.ofSeconds(10), Duration.ofMinutes(30)),
                options.seconds("settle", Duration.ofSeconds(3), Duration.ofMinutes(5)),
                options.integer("repeat", 1, 1, 10),
                heap(options.text("heap", "1g")),
                options.flag("jfr"),
                options.integer("provision-window", 100, 1, 1_000),
                new Template(options.text("name-template", Fleet.DEFAULT_NAME_TEMPLATE)),
                new Template(options.text("client-id-template", Fleet.DEFAULT_CLIENT_ID_TEMPLATE)),
                new Template(options.text("token-template", Fleet.DEFAULT_TOKEN_TEMPLATE)),
                options.flag("keep-workspace"),
                TrafficSettings.read(options),
                options.flag("postgresql"));
        options.requireAllRead();
        if (settings.scenarios().stream()
                .anyMatch(spec -> spec.name().equals("telemetry") || spec.name().equals("rpc"))) {
            settings.traffic().requireFits(settings.limits());
        }
        return settings;
    }

    /** For the report, in display order. */
    public Map<String, String> display() {
        final Map<String, String> display = new LinkedHashMap<>();
        // The restart storm has devices of its own and no warm-up.
        if (scenarios.stream().anyMatch(spec -> !spec.name().equals(RestartScenario.NAME))) {
            display.put("devices", Integer.toString(devices));
            display.put("warm-up connects per broker start", Integer.toString(warmup));
        }
        display.put("concurrency", Integer.toString(concurrency));
        display.put("time limit per run", limits.timeLimit().toSeconds() + " s");
        if (scenarios.stream().anyMatch(spec -> spec.name().equals("idle"))) {
            display.put("idle hold", hold.toSeconds() + " s");
        }
        display.put("repeats per broker", Integer.toString(repeat));
        display.put("broker heap", "-Xmx" + heap);
        if (postgresql) {
            display.put(
                    "hive-iot on PostgreSQL",
                    "connect and telemetry, on a PostgreSQL server of the run's own on "
                            + "this machine (default settings: every commit flushed to disk)");
        }
        display.put("client IDs", "`" + clientIdTemplate.text() + "`");
        display.put("tokens", "`" + tokenTemplate.text() + "`");
        if (scenarios.stream()
                .anyMatch(spec -> spec.name().equals("telemetry")
                        || spec.name().equals("rpc")
                        || spec.name().equals(GatewayScenario.NAME))) {
            display.putAll(traffic.display());
        }
        if (scenarios.stream().anyMatch(spec -> spec.name().equals(GatewayScenario.NAME))) {
            display.putAll(traffic.gateway().display());
        }
        if (scenarios.stream().anyMatch(spec -> spec.name().equals(FirmwareScenario.NAME))) {
            display.putAll(traffic.firmware().display());
        }
        if (scenarios.stream().anyMatch(spec -> spec.name().equals(RestartScenario.NAME))) {
            display.putAll(traffic.restart().display());
        }
        return display;
    }

    private static String heap(final String heap) {
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap is a -Xmx size such as 1g or 512m, not '" + heap + "'");
        }
        return heap;
    }
}
