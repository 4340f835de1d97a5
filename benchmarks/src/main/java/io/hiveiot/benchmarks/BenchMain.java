package io.hiveiot.benchmarks;

import io.hiveiot.benchmarks.authorizer.AuthorizerCost;
import io.hiveiot.benchmarks.baseline.BaselineExtension;
import io.hiveiot.benchmarks.cli.Options;
import io.hiveiot.benchmarks.driver.CompareDriver;
import io.hiveiot.benchmarks.driver.CompareSettings;
import io.hiveiot.benchmarks.load.Fleet;
import io.hiveiot.benchmarks.load.Loopback;
import io.hiveiot.benchmarks.load.Protocol;
import io.hiveiot.benchmarks.load.Template;
import io.hiveiot.benchmarks.provision.FirstRun;
import io.hiveiot.benchmarks.provision.RegistryProvisioner;
import io.hiveiot.benchmarks.scenario.Limits;
import io.hiveiot.benchmarks.scenario.ScenarioContext;
import io.hiveiot.benchmarks.scenario.ScenarioResult;
import io.hiveiot.benchmarks.scenario.ScenarioSpec;
import io.hiveiot.benchmarks.scenario.Scenarios;
import io.hiveiot.benchmarks.scenario.TrafficSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The benchmarks' command line:
 * <pre>
 * compare [options]                 every scenario on the bare broker and on hive-iot, ratios, report
 * scenario --scenario connect ...   one scenario against a broker that is already running on loopback
 * allow-all-extension DIR           writes the bare runs' allow-all extension into DIR (manual runs)
 * authorizer-cost [--rounds N]      what a subscription authorizer costs against a subscribe interceptor
 * </pre>
 * See README.md for the options.
 */
public final class BenchMain {

    /**
     * Where results go: this is a command-line tool run on demand, never code inside the broker, and
     * its summaries and JSON lines are its output. Errors go to standard error.
     */
    private static final PrintStream CONSOLE = System.out;

    private BenchMain() {}

    public static void main(final String[] args) throws InterruptedException {
        final List<String> arguments = Arrays.asList(args);
        try {
            final String command =
                    arguments.isEmpty() || arguments.get(0).startsWith("--") ? "compare" : arguments.get(0);
            final List<String> rest = arguments.isEmpty() || arguments.get(0).startsWith("--")
                    ? arguments
                    : arguments.subList(1, arguments.size());
            switch (command) {
                case "compare" -> compare(rest, arguments);
                case "scenario" -> scenario(rest);
                case "allow-all-extension" -> allowAll(rest);
                case "authorizer-cost" -> authorizerCost(rest);
                case "help", "--help", "-h" -> usage();
                default ->
                    throw new IllegalArgumentException("unknown command '" + command
                            + "'; commands: compare, scenario, allow-all-extension, authorizer-cost");
            }
        } catch (final IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (final IllegalStateException e) {
            System.err.println("failed: " + e.getMessage());
            System.exit(1);
        }
        // The MQTT client's Netty threads are not daemons.
        System.exit(0);
    }

    private static void compare(final List<String> rest, final List<String> all) throws InterruptedException {
        final Path home = home();
        final var settings = CompareSettings.read(Options.parse(rest, CompareSettings.FLAGS), home);
        new CompareDriver(settings, home.resolve("..").normalize(), commandLine(all), CONSOLE).run();
    }

    private static void scenario(final List<String> rest) throws InterruptedException {
        final Options options = Options.parse(rest, Set.of());
        final ScenarioSpec spec =
                ScenarioSpec.parse(options.text("scenario", "connect"), Protocol.parse(options.text("mqtt", "5")));
        final var target =
                Loopback.require(options.text("host", "127.0.0.1"), options.integer("port", 1883, 1, 65_535));
        final int devices = options.integer("devices", 1_000, 1, 100_000);
        final String runId = options.text("run-id")
                .orElse(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        final Fleet fleet = Fleet.of(
                devices,
                runId,
                new Template(options.text("name-template", Fleet.DEFAULT_NAME_TEMPLATE)),
                new Template(options.text("client-id-template", Fleet.DEFAULT_CLIENT_ID_TEMPLATE)),
                new Template(options.text("token-template", Fleet.DEFAULT_TOKEN_TEMPLATE)));
        final int concurrency = options.integer("concurrency", 100, 1, 10_000);
        final var limits = new Limits(
                options.seconds("time-limit", Duration.ofSeconds(60), Limits.MAX_TIME_LIMIT),
                options.integer("max-messages", CompareSettings.DEFAULT_MAX_MESSAGES, 1, Integer.MAX_VALUE));
        final TrafficSettings traffic = TrafficSettings.read(options);
        final Duration hold = options.seconds("hold", Duration.ofSeconds(10), Duration.ofMinutes(30));
        final String pidText = options.text("broker-pid", "");
        final OptionalLong pid = pidText.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pidText));
        final String label = options.text("label", "broker");
        final var firstRun = options.text("provision-with");
        // The same file without provisioning: for a hive-iot broker whose devices exist already (same --run-id).
        final var appFile = options.text("app");
        options.requireAllRead();
        if (firstRun.isPresent() && appFile.isPresent()) {
            throw new IllegalArgumentException("give --provision-with or --app, not both");
        }
        // With either, the broker is taken for hive-iot: rpc then calls its devices service as that application.
        final Optional<FirstRun> app = firstRun.or(() -> appFile).map(file -> FirstRun.read(Path.of(file)));
        if (firstRun.isPresent()) {
            RegistryProvisioner.provision(target, app.get(), fleet, 100, Duration.ofMinutes(10), CONSOLE);
        }
        final ScenarioResult result = Scenarios.byName(spec.name())
                .run(new ScenarioContext(
                        label,
                        target,
                        pid,
                        spec.protocol(),
                        fleet,
                        concurrency,
                        limits,
                        hold,
                        traffic,
                        app,
                        System.currentTimeMillis(),
                        CONSOLE,
                        Optional.empty()));
        CONSOLE.println(result.toJsonLine());
    }

    private static void allowAll(final List<String> rest) {
        if (rest.size() != 1) {
            throw new IllegalArgumentException("usage: allow-all-extension EXTENSIONS_FOLDER");
        }
        CONSOLE.println("wrote " + BaselineExtension.ALLOW_ALL.writeInto(Path.of(rest.get(0))));
    }

    private static void authorizerCost(final List<String> rest) throws InterruptedException {
        final Options options = Options.parse(rest, Set.of());
        final Path distribution = home().resolve(options.text("distribution", "../hivemq-config/target/hive-iot"))
                .normalize();
        final int rounds = options.integer("rounds", 2, 1, 20);
        options.requireAllRead();
        AuthorizerCost.run(distribution, rounds, CONSOLE);
    }

    private static void usage() {
        CONSOLE.println("""
                usage: run-benchmarks [compare] [--devices N] [--concurrency C] [--scenarios connect,idle@3,...]
                                      [--mqtt 5|3] [--time-limit S] [--hold S] [--repeat R] [--jfr] [--out DIR] ...
                       run-benchmarks scenario --scenario connect|idle|telemetry|rpc|firmware[@3|@5] --port P
                                      [--broker-pid PID] [--provision-with|--app first-run.txt] [--qos 1] [--rate R]
                                      [--fw-devices N] [--fw-size BYTES] [--fw-chunk BYTES] ...
                       run-benchmarks allow-all-extension EXTENSIONS_FOLDER
                       run-benchmarks authorizer-cost [--distribution DIR] [--rounds 2]
                Options are described in benchmarks/README.md.""");
    }

    /** The module folder: set by bin/run-benchmarks and the bench profile; else the working directory. */
    private static Path home() {
        return Path.of(System.getProperty("bench.home", ".")).toAbsolutePath().normalize();
    }

    /**
     * The command as the user typed it: {@code bench.launcher} names the script or Maven invocation; with
     * {@code bench.maven=true} the arguments came from {@code -Dbench.args}.
     */
    static String commandLine(final List<String> args) {
        final String launcher = System.getProperty("bench.launcher", "java io.hiveiot.benchmarks.BenchMain");
        if (Boolean.getBoolean("bench.maven")) {
            final List<String> options =
                    !args.isEmpty() && args.get(0).equals("compare") ? args.subList(1, args.size()) : args;
            return options.isEmpty() ? launcher : launcher + " -Dbench.args=" + quote(String.join(" ", options));
        }
        return launcher
                + (args.isEmpty()
                        ? ""
                        : " " + args.stream().map(BenchMain::quote).collect(Collectors.joining(" ")));
    }

    static String quote(final String arg) {
        return arg.matches("[-A-Za-z0-9_./=,:@]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
