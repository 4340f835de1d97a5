package io.hiveiot.benchmarks.driver;

import io.hiveiot.benchmarks.broker.BrokerKind;
import io.hiveiot.benchmarks.broker.BrokerProcess;
import io.hiveiot.benchmarks.broker.BrokerSetup;
import io.hiveiot.benchmarks.gateway.SubDeviceIds;
import io.hiveiot.benchmarks.load.Connector;
import io.hiveiot.benchmarks.load.Fleet;
import io.hiveiot.benchmarks.load.Protocol;
import io.hiveiot.benchmarks.profile.JfrRecording;
import io.hiveiot.benchmarks.profile.JfrSummarizer;
import io.hiveiot.benchmarks.profile.ProfileSummary;
import io.hiveiot.benchmarks.provision.FirstRun;
import io.hiveiot.benchmarks.provision.RegistryProvisioner;
import io.hiveiot.benchmarks.report.Comparison;
import io.hiveiot.benchmarks.report.ConsoleSummary;
import io.hiveiot.benchmarks.report.MachineInfo;
import io.hiveiot.benchmarks.report.MarkdownReport;
import io.hiveiot.benchmarks.report.ReportData;
import io.hiveiot.benchmarks.report.SourceInfo;
import io.hiveiot.benchmarks.scenario.BrokerRestart;
import io.hiveiot.benchmarks.scenario.DiskScenario;
import io.hiveiot.benchmarks.scenario.GatewayScenario;
import io.hiveiot.benchmarks.scenario.ReadsScenario;
import io.hiveiot.benchmarks.scenario.RestartScenario;
import io.hiveiot.benchmarks.scenario.ScenarioContext;
import io.hiveiot.benchmarks.scenario.ScenarioResult;
import io.hiveiot.benchmarks.scenario.ScenarioSpec;
import io.hiveiot.benchmarks.scenario.Scenarios;
import io.hiveiot.benchmarks.scenario.TelemetryScenario;
import io.hiveiot.benchmarks.scenario.TrafficSettings;
import io.hiveiot.benchmarks.stats.Rates;
import io.hiveiot.benchmarks.telemetry.DiskUsage;
import io.hiveiot.benchmarks.telemetry.StoredTelemetry;
import io.hiveiot.benchmarks.telemetry.TelemetryPayload;
import io.hiveiot.testkit.PostgresServer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every scenario against the bare HiveMQ CE and against hive-iot in one invocation: prepares both
 * brokers' folders, provisions the fleet through hive-iot's registry service, then starts a fresh
 * broker JVM for every run, alternating which broker goes first, and finally prints the ratios and
 * writes the report. With {@code --postgresql}, connect and telemetry also run on hive-iot keeping its data in a
 * PostgreSQL server the run starts on this machine, provisioned the same way.
 * <p>
 * {@code telemetry} runs in two phases: at max rate on both brokers, then at a fixed rate (half of
 * hive-iot's measured max rate, or {@code --rate}) on every broker. After every hive-iot telemetry run, once the
 * broker has stopped, the points it stored are counted in its device-data.db (or schema). {@code restart} runs each
 * broker on folders of its own, which it stops and starts again in the middle of the run.
 */
public final class CompareDriver {

    private final CompareSettings settings;
    private final Path repository;
    private final String command;
    private final PrintStream out;
    private final AtomicReference<BrokerProcess> running = new AtomicReference<>();
    private int starts;
    private Fleet warmupFleet;
    /** Per hive-iot broker: device name → id in its registry. */
    private final Map<BrokerKind, Map<String, String>> deviceIds = new EnumMap<>(BrokerKind.class);
    /** Telemetry timestamps of the next run start here, so no two runs write the same points. */
    private long nextTs;
    /** The last provisioning of a restart run's own hive-iot registry, for the report. */
    private RegistryProvisioner.Result restartProvisioned;
    /** Half of hive-iot's max telemetry rate in this run (or {@code --rate}): the load the reads run under. */
    private OptionalDouble halfOfMax = OptionalDouble.empty();

    /** Scenarios of hive-iot's store alone, each on a broker with a data folder of its own. */
    private static final java.util.Set<String> HIVE_IOT_ONLY = java.util.Set.of(DiskScenario.NAME, ReadsScenario.NAME);

    public CompareDriver(
            final CompareSettings settings, final Path repository, final String command, final PrintStream out) {
        this.settings = settings;
        this.repository = repository;
        this.command = command;
        this.out = out;
    }

    public Path run() throws InterruptedException {
        final MachineInfo machine = MachineInfo.current();
        final String loadBefore = MachineInfo.loadAverage();
        // At the start: other work may commit while the benchmarks run.
        final String source = SourceInfo.describe(repository) + " at the start of the run";
        final String runId =
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        final Path workspace = Workspace.create();
        final Thread killer = new Thread(
                () -> {
                    final BrokerProcess broker = running.get();
                    if (broker != null) {
                        broker.kill();
                    }
                },
                "hive-iot-bench-broker-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        boolean succeeded = false;
        final PostgresServer postgres = settings.postgresql() ? PostgresServer.durable() : null;
        try {
            out.printf(
                    "hive-iot benchmarks: %s%n  machine: %d cores, %s, %s; load average %s%n  workspace: %s%n",
                    command, machine.cores(), machine.memory(), machine.jdk(), loadBefore, workspace);
            final BrokerSetup bare = BrokerSetup.create(BrokerKind.BARE, settings.distribution(), workspace);
            final BrokerSetup interceptor =
                    BrokerSetup.create(BrokerKind.INTERCEPTOR, settings.distribution(), workspace);
            final BrokerSetup hiveIot = BrokerSetup.create(BrokerKind.HIVE_IOT, settings.distribution(), workspace);
            final Fleet everyone = Fleet.of(
                    settings.devices() + settings.warmup(),
                    runId,
                    settings.nameTemplate(),
                    settings.clientIdTemplate(),
                    settings.tokenTemplate());
            final Fleet fleet = everyone.slice(0, settings.devices());
            warmupFleet = everyone.slice(settings.devices(), everyone.size());

            // restart alone runs on brokers of its own: the shared registry would be provisioned for nothing.
            final boolean shared =
                    settings.scenarios().stream().anyMatch(spec -> !spec.name().equals(RestartScenario.NAME));
            final RegistryProvisioner.Result provisioned = shared ? provision(hiveIot, everyone) : null;
            if (shared) {
                deviceIds.put(BrokerKind.HIVE_IOT, provisioned.deviceIds());
            }
            final Optional<BrokerSetup> onPostgresql = postgres == null
                    ? Optional.empty()
                    : Optional.of(BrokerSetup.onPostgresql(settings.distribution(), workspace, postgres.newDatabase()));
            if (onPostgresql.isPresent()) {
                deviceIds.put(
                        BrokerKind.HIVE_IOT_POSTGRESQL,
                        provision(onPostgresql.get(), everyone).deviceIds());
            }

            final List<ScenarioResult> results = new ArrayList<>();
            int runIndex = 0;
            for (int repeat = 0; repeat < settings.repeat(); repeat++) {
                for (final ScenarioSpec spec : settings.scenarios()) {
                    if (HIVE_IOT_ONLY.contains(spec.name())) {
                        results.add(runOnFreshHiveIot(spec, everyone, workspace, repeat));
                        continue;
                    }
                    if (spec.name().equals(RestartScenario.NAME)) {
                        results.addAll(runRestart(spec, runId, workspace, repeat, runIndex++));
                        continue;
                    }
                    final boolean telemetry = spec.name().equals(TelemetryScenario.MAX_RATE);
                    final List<BrokerSetup> brokers =
                            new ArrayList<>(telemetry ? List.of(bare, interceptor, hiveIot) : List.of(bare, hiveIot));
                    if (CompareSettings.ON_POSTGRESQL.contains(spec.name())) {
                        onPostgresql.ifPresent(brokers::add);
                    }
                    final TrafficSettings maxRate =
                            spec.traffic(settings.traffic()).withRate(OptionalDouble.empty());
                    ScenarioResult hiveIotMax = null;
                    for (final BrokerSetup setup : rotated(brokers, runIndex++)) {
                        final ScenarioResult result = runScenario(setup, spec, fleet, maxRate);
                        results.add(result);
                        if (setup.kind() == BrokerKind.HIVE_IOT) {
                            hiveIotMax = result;
                        }
                    }
                    if (telemetry) {
                        final OptionalDouble rate = fixedRate(hiveIotMax);
                        if (rate.isEmpty()) {
                            out.println("telemetry: hive-iot acknowledged nothing at max rate; no fixed-rate phase");
                            continue;
                        }
                        if (spec.variant().isEmpty()) {
                            halfOfMax = rate;
                        }
                        final TrafficSettings fixed =
                                spec.traffic(settings.traffic()).withRate(rate);
                        for (final BrokerSetup setup : rotated(brokers, runIndex++)) {
                            results.add(runScenario(setup, spec, fleet, fixed));
                        }
                    }
                }
            }
            final List<ProfileSummary> profiles = new ArrayList<>();
            if (settings.profile()) {
                final ScenarioSpec connect = settings.scenarios().stream()
                        .filter(spec -> spec.name().equals("connect"))
                        .findFirst()
                        .orElse(new ScenarioSpec("connect", Protocol.MQTT_5));
                for (final BrokerSetup setup : List.of(bare, hiveIot)) {
                    profiles.add(profile(setup, connect, fleet, workspace));
                }
                for (final String traffic : List.of("telemetry", "rpc")) {
                    final Optional<ScenarioSpec> listed = settings.scenarios().stream()
                            .filter(spec -> spec.name().equals(traffic))
                            .findFirst();
                    if (listed.isPresent()) {
                        for (final BrokerSetup setup : traffic.equals("telemetry")
                                ? List.of(bare, interceptor, hiveIot)
                                : List.of(bare, hiveIot)) {
                            profiles.add(profile(setup, listed.get(), fleet, workspace));
                        }
                    }
                }
            }
            final List<Comparison> comparisons = Comparison.of(results);
            ConsoleSummary.print(comparisons, out);

            final Map<String, String> environment = new LinkedHashMap<>();
            environment.put("Load average (1, 5, 15 min) before the run", loadBefore);
            environment.put("Load average after the run", MachineInfo.loadAverage());
            if (provisioned != null) {
                environment.put(
                        "Provisioning through the registry service",
                        String.format(
                                Locale.ROOT,
                                "%,d devices with `device.create` in %.1f s (%.0f/s, %d requests in flight)",
                                provisioned.created(),
                                provisioned.elapsed().toNanos() / 1e9,
                                provisioned.rate(),
                                settings.provisionWindow()));
            }
            if (restartProvisioned != null) {
                environment.put(
                        "Provisioning of the restart storm's own hive-iot registry",
                        String.format(
                                Locale.ROOT,
                                "%,d devices with `device.create` in %.1f s (%.0f/s)",
                                restartProvisioned.created(),
                                restartProvisioned.elapsed().toNanos() / 1e9,
                                restartProvisioned.rate()));
            }
            final Map<String, String> brokers = new LinkedHashMap<>();
            brokers.put("Distribution", "`" + settings.distribution() + "`, started with its `bin/hive-iot-broker`");
            brokers.put(
                    "Extensions, bare",
                    String.join(", ", bare.extensionIds())
                            + " (benchmark-only: authenticates everyone, allows every topic)");
            brokers.put(
                    "Extensions, bare + interceptor (telemetry only)",
                    String.join(", ", interceptor.extensionIds()) + " (benchmark-only: the telemetry sink consumes "
                            + "`v1/devices/me/telemetry` through an async interceptor, resumed from one thread, and stores "
                            + "nothing)");
            brokers.put("Extensions, hive-iot", String.join(", ", hiveIot.extensionIds()));
            if (postgres != null) {
                brokers.put(
                        "hive-iot on PostgreSQL",
                        "the same extensions, with `HIVE_IOT_DATABASE_URL` naming a "
                                + "database of a PostgreSQL server the run started on this machine ("
                                + postgres.version()
                                + ", its default settings: every commit flushed to disk; SQLite runs with `synchronous=NORMAL`, "
                                + "which does not flush on commit)");
            }
            final var report = new ReportData(
                    LocalDate.now(ZoneOffset.UTC),
                    command,
                    source,
                    machine,
                    settings.display(),
                    brokers,
                    environment,
                    results,
                    profiles);
            final Path markdown = MarkdownReport.write(report, settings.out());
            out.println("report: " + markdown);
            succeeded = true;
            return markdown;
        } finally {
            if (postgres != null) {
                postgres.stop();
            }
            Runtime.getRuntime().removeShutdownHook(killer);
            if (succeeded && !settings.keepWorkspace()) {
                Workspace.delete(workspace);
            } else {
                out.println("workspace kept for inspection: " + workspace);
            }
        }
    }

    private RegistryProvisioner.Result provision(final BrokerSetup hiveIot, final Fleet fleet)
            throws InterruptedException {
        out.printf("provisioning %d devices in hive-iot's registry%n", fleet.size());
        try (BrokerProcess broker = start(hiveIot)) {
            final FirstRun app = FirstRun.read(FirstRun.file(hiveIot.dataFolder()));
            return RegistryProvisioner.provision(
                    broker.address(), app, fleet, settings.provisionWindow(), Duration.ofMinutes(10), out);
        } finally {
            running.set(null);
        }
    }

    /** The brokers, the first one moved by {@code index}: who goes first changes from run to run. */
    private static List<BrokerSetup> rotated(final List<BrokerSetup> brokers, final int index) {
        final var order = new ArrayList<BrokerSetup>(brokers.size());
        for (int i = 0; i < brokers.size(); i++) {
            order.add(brokers.get((i + index) % brokers.size()));
        }
        return order;
    }

    /**
     * disk and reads: hive-iot with a fresh device-data.db (other runs' points would count on disk and in reads),
     * its devices provisioned first. The disk result gets the file's figures after the broker's stop.
     */
    private ScenarioResult runOnFreshHiveIot(
            final ScenarioSpec spec, final Fleet everyone, final Path workspace, final int repeat)
            throws InterruptedException {
        final BrokerSetup setup = BrokerSetup.create(
                BrokerKind.HIVE_IOT, settings.distribution(), workspace, "hive-iot-" + spec.name() + "-" + repeat);
        final int devices = spec.name().equals(DiskScenario.NAME)
                ? DiskScenario.DEVICES
                : settings.traffic().telemetryDevices() + 2;
        final Fleet fleet = everyone.slice(0, Math.min(everyone.size(), devices));
        final Map<String, String> ids = provision(setup, fleet).deviceIds();
        ScenarioResult result;
        try (BrokerProcess broker = start(setup)) {
            Thread.sleep(settings.settle().toMillis());
            final TrafficSettings traffic = settings.traffic()
                    .withRate(
                            halfOfMax.isPresent()
                                    ? halfOfMax
                                    : settings.traffic().rate());
            result = Scenarios.byName(spec.name()).run(context(setup, broker, spec, fleet, traffic));
        } finally {
            running.set(null);
        }
        if (result.scenario().equals(DiskScenario.NAME)) {
            final Path database = StoredTelemetry.database(setup.dataFolder());
            final StoredTelemetry.Count count = StoredTelemetry.count(
                    database,
                    fleet.devices().stream()
                            .map(device -> ids.get(device.name()))
                            .toList(),
                    (long) result.numericParameter("ts_from"),
                    (long) result.numericParameter("ts_to"));
            result = result.withMetrics(DiskUsage.measure(database, count.values()));
            out.printf(
                    Locale.ROOT,
                    "  device-data.db after the stop: %,.0f bytes for %,d values: %.2f bytes a value%n",
                    result.metric("file_bytes"),
                    count.values(),
                    result.metric("bytes_per_value"));
        }
        out.println(result.toJsonLine());
        return result;
    }

    /**
     * restart: each broker on folders of its own, so that the storm's persistent sessions stay out of the other runs
     * and a restarted broker holds exactly the storm's sessions; hive-iot's registry gets the storm's devices first.
     * No warm-up devices: what is measured is a fresh JVM's start, as after an operator's restart.
     */
    private List<ScenarioResult> runRestart(
            final ScenarioSpec spec, final String runId, final Path workspace, final int repeat, final int order)
            throws InterruptedException {
        final Fleet fleet = Fleet.of(
                settings.traffic().restart().devices(),
                runId,
                settings.nameTemplate(),
                settings.clientIdTemplate(),
                settings.tokenTemplate());
        final String name = "-restart-" + spec.protocol().shortName() + "-" + repeat;
        final BrokerSetup bare = BrokerSetup.create(BrokerKind.BARE, settings.distribution(), workspace, "bare" + name);
        final BrokerSetup hiveIot =
                BrokerSetup.create(BrokerKind.HIVE_IOT, settings.distribution(), workspace, "hive-iot" + name);
        restartProvisioned = provision(hiveIot, fleet);
        final List<ScenarioResult> results = new ArrayList<>();
        for (final BrokerSetup setup : rotated(List.of(bare, hiveIot), order)) {
            final ScenarioResult result;
            try (RestartingBroker broker =
                    new RestartingBroker(start(setup), settings.heap(), () -> ++starts, running::set)) {
                Thread.sleep(settings.settle().toMillis());
                result = Scenarios.byName(spec.name())
                        .run(context(setup, broker.current(), spec, fleet, settings.traffic(), Optional.of(broker)));
            } finally {
                running.set(null);
            }
            out.println(result.toJsonLine());
            results.add(result);
        }
        return results;
    }

    /** {@code --rate}, else half of what hive-iot acknowledged per second at max rate. */
    private OptionalDouble fixedRate(final ScenarioResult hiveIotMax) {
        if (settings.traffic().rate().isPresent()) {
            return settings.traffic().rate();
        }
        final double half = hiveIotMax == null ? Double.NaN : Math.floor(hiveIotMax.metric("acked_per_s") / 2);
        return Double.isNaN(half) || half < 1 ? OptionalDouble.empty() : OptionalDouble.of(half);
    }

    private ScenarioResult runScenario(
            final BrokerSetup setup, final ScenarioSpec spec, final Fleet fleet, final TrafficSettings traffic)
            throws InterruptedException {
        ScenarioResult result;
        try (BrokerProcess broker = start(setup)) {
            warmUp(broker, spec);
            result = Scenarios.byName(spec.name())
                    .run(context(setup, broker, spec, fleet, traffic))
                    .withVariant(spec.variant());
        } finally {
            running.set(null);
        }
        if (result.scenario().startsWith(TelemetryScenario.MAX_RATE)) {
            nextTs = Math.max(nextTs, (long) result.numericParameter("ts_to") + 1);
            // Counted after the broker's stop: what is in device-data.db then is what hive-iot stored.
            result = result.withMetrics(setup.kind().hiveIot() ? stored(setup, fleet, result) : notStored());
        } else if (result.scenario().equals(GatewayScenario.NAME)) {
            nextTs = Math.max(nextTs, (long) result.numericParameter("ts_to") + 1);
            // Counted in the SQLite files only: the gateway scenario does not run on PostgreSQL.
            result = result.withMetrics(
                    setup.kind().hiveIot() && setup.databaseUrl().isEmpty()
                            ? storedThroughGateway(setup, result)
                            : notStored());
        }
        out.println(result.toJsonLine());
        return result;
    }

    /** The sub-devices' points stored: every acknowledged gateway message is {@code batch} devices × 3 values. */
    private Map<String, Double> storedThroughGateway(final BrokerSetup setup, final ScenarioResult result) {
        final List<String> ids = SubDeviceIds.of(
                SubDeviceIds.database(setup.dataFolder()),
                result.parameters().get("gateway").toString());
        final StoredTelemetry.Count count = StoredTelemetry.count(
                StoredTelemetry.database(setup.dataFolder()), ids, (long) result.numericParameter("ts_from"), (long)
                        result.numericParameter("ts_to"));
        final double expected =
                result.metric("acked_total") * result.numericParameter("batch") * TelemetryPayload.KEYS.size();
        final Map<String, Double> stored = new LinkedHashMap<>();
        stored.put("stored_values", (double) count.values());
        stored.put("stored_messages", (double) count.messages());
        stored.put("stored_ratio", expected == 0 ? Double.NaN : count.values() / expected);
        out.printf(
                Locale.ROOT,
                "  stored in device-data.db for %,d sub-devices: %,d values; acknowledged messages x "
                        + "sub-devices x %d values = %,.0f -> %.4f%n",
                ids.size(),
                count.values(),
                TelemetryPayload.KEYS.size(),
                expected,
                stored.get("stored_ratio"));
        return stored;
    }

    private Map<String, Double> stored(final BrokerSetup setup, final Fleet fleet, final ScenarioResult result) {
        final Map<String, String> idsByName = deviceIds.get(setup.kind());
        final List<String> ids = fleet.devices().subList(0, (int) result.numericParameter("devices")).stream()
                .map(device -> idsByName.get(device.name()))
                .toList();
        final long from = (long) result.numericParameter("ts_from");
        final long to = (long) result.numericParameter("ts_to");
        final StoredTelemetry.Count count = setup.databaseUrl().isPresent()
                ? StoredTelemetry.countOnPostgresql(setup.databaseUrl().get(), ids, from, to)
                : StoredTelemetry.count(StoredTelemetry.database(setup.dataFolder()), ids, from, to);
        final double acked = result.metric("acked_total");
        final Map<String, Double> stored = new LinkedHashMap<>();
        stored.put("stored_values", (double) count.values());
        stored.put("stored_messages", (double) count.messages());
        stored.put("stored_ratio", acked == 0 ? Double.NaN : count.values() / (acked * TelemetryPayload.KEYS.size()));
        out.printf(
                Locale.ROOT,
                "  stored (counted after the broker stopped): %,d values of %,d messages; "
                        + "%,d messages acknowledged in the whole run -> stored / (acknowledged x %d) = %.4f%n",
                count.values(),
                count.messages(),
                (long) acked,
                TelemetryPayload.KEYS.size(),
                stored.get("stored_ratio"));
        return stored;
    }

    /** The bare broker stores nothing: it only routes, and nothing subscribed. */
    private static Map<String, Double> notStored() {
        final Map<String, Double> stored = new LinkedHashMap<>();
        stored.put("stored_values", Double.NaN);
        stored.put("stored_messages", Double.NaN);
        stored.put("stored_ratio", Double.NaN);
        return stored;
    }

    /** One more run of a connect storm, max-rate telemetry or rpc, under a JFR recording; not in the results. */
    private ProfileSummary profile(
            final BrokerSetup setup, final ScenarioSpec spec, final Fleet fleet, final Path workspace)
            throws InterruptedException {
        try (BrokerProcess broker = start(setup)) {
            warmUp(broker, spec);
            final Path file = workspace.resolve(setup.kind().label() + "-" + spec.name() + ".jfr");
            final TrafficSettings maxRate = spec.traffic(settings.traffic()).withRate(OptionalDouble.empty());
            final JfrRecording recording = JfrRecording.start(broker.pid(), file);
            final ScenarioResult result =
                    Scenarios.byName(spec.name()).run(context(setup, broker, spec, fleet, maxRate));
            recording.stop();
            if (result.scenario().startsWith(TelemetryScenario.MAX_RATE)) {
                nextTs = Math.max(nextTs, (long) result.numericParameter("ts_to") + 1);
            }
            final String rate = switch (spec.name()) {
                case "connect" ->
                    String.format(Locale.ROOT, "%.0f connects/s while recording", result.metric("connects_per_s"));
                case "rpc" ->
                    String.format(
                            Locale.ROOT,
                            "%.0f round trips/s answered of %.0f/s offered (warm-up " + "included in the recording)",
                            result.metric("rpc_per_s"),
                            result.metric("target_rate_per_s"));
                default ->
                    String.format(
                            Locale.ROOT,
                            "max rate, %.0f msgs/s acknowledged (warm-up included in the " + "recording)",
                            result.metric("acked_per_s"));
            };
            final ProfileSummary summary = JfrSummarizer.summarize(
                    file,
                    setup.kind().label(),
                    spec.name() + " (" + spec.protocol().displayName() + "), " + rate,
                    15);
            if (settings.keepWorkspace()) {
                out.println("JFR recording: " + file);
            }
            out.printf(
                    "profile [%s]: %,d samples; libraries: %s%n",
                    setup.kind().label(),
                    summary.executionSamples(),
                    summary.libraries().stream()
                            .limit(6)
                            .map(share -> String.format(Locale.ROOT, "%s %.0f%%", share.name(), share.percent()))
                            .toList());
            out.println(summary.toJson());
            return summary;
        } finally {
            running.set(null);
        }
    }

    /**
     * Lets the fresh broker JVM settle, then connects and disconnects the warm-up devices (provisioned
     * beside the measured ones, so hive-iot's token cache stays cold for the measured devices) to get the
     * JIT compilers past the connect path before anything is measured.
     */
    private void warmUp(final BrokerProcess broker, final ScenarioSpec spec) throws InterruptedException {
        Thread.sleep(settings.settle().toMillis());
        if (warmupFleet.size() == 0) {
            return;
        }
        final Connector.Outcome outcome = Connector.connectAll(
                warmupFleet.devices(),
                broker.address(),
                spec.protocol(),
                settings.concurrency(),
                settings.limits().timeLimit());
        Connector.disconnectAll(outcome.connected(), Duration.ofSeconds(60));
        out.printf(
                Locale.ROOT,
                "  warm-up: %d of %d connected (%.0f connects/s)%s%n",
                outcome.connected().size(),
                warmupFleet.size(),
                Rates.perSecond(outcome.connected().size(), outcome.elapsed()),
                outcome.failures().isEmpty() ? "" : ", refused: " + outcome.failures());
        Thread.sleep(1_000);
    }

    private ScenarioContext context(
            final BrokerSetup setup,
            final BrokerProcess broker,
            final ScenarioSpec spec,
            final Fleet fleet,
            final TrafficSettings traffic) {
        return context(setup, broker, spec, fleet, traffic, Optional.empty());
    }

    private ScenarioContext context(
            final BrokerSetup setup,
            final BrokerProcess broker,
            final ScenarioSpec spec,
            final Fleet fleet,
            final TrafficSettings traffic,
            final Optional<BrokerRestart> restart) {
        // hive-iot's rpc goes through the devices service as the demo application; the bare broker only routes.
        final Optional<FirstRun> app = setup.kind().hiveIot()
                ? Optional.of(FirstRun.read(FirstRun.file(setup.dataFolder())))
                : Optional.empty();
        return new ScenarioContext(
                setup.kind().label(),
                broker.address(),
                OptionalLong.of(broker.pid()),
                spec.protocol(),
                fleet,
                settings.concurrency(),
                settings.limits(),
                settings.hold(),
                traffic,
                app,
                nextTs,
                out,
                restart);
    }

    private BrokerProcess start(final BrokerSetup setup) throws InterruptedException {
        final long started = System.nanoTime();
        final BrokerProcess broker = BrokerProcess.start(setup, settings.heap(), "", ++starts);
        running.set(broker);
        out.printf(
                "started %s broker (pid %d, port %d) in %.1f s%n",
                setup.kind().label(), broker.pid(), broker.address().getPort(), (System.nanoTime() - started) / 1e9);
        return broker;
    }
}
