package io.hiveiot.benchmarks.report;

import io.hiveiot.benchmarks.profile.ProfileSummary;
import io.hiveiot.benchmarks.scenario.DiskScenario;
import io.hiveiot.benchmarks.scenario.ReadsScenario;
import io.hiveiot.benchmarks.scenario.ScenarioResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code <out>/<date>.md} with its chart {@code <date>.png} and the raw JSON lines
 * {@code <date>.jsonl}; a second report of the same day gets {@code <date>-2.*}, and so on, so no
 * report is overwritten.
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    /** @return the Markdown file */
    public static Path write(final ReportData data, final Path outFolder) {
        try {
            Files.createDirectories(outFolder);
            final String base = freeBaseName(outFolder, data.date().toString());
            final Path markdown = outFolder.resolve(base + ".md");
            final Path png = outFolder.resolve(base + ".png");
            final Path jsonl = outFolder.resolve(base + ".jsonl");
            final List<Comparison> comparisons = Comparison.of(data.results());
            final boolean chart = Charts.write(comparisons, png);
            final StringBuilder lines = new StringBuilder();
            data.results().forEach(result -> lines.append(result.toJsonLine()).append('\n'));
            data.profiles()
                    .forEach(
                            profile -> lines.append(profile.toJson().toString()).append('\n'));
            Files.writeString(jsonl, lines, StandardCharsets.UTF_8);
            Files.writeString(
                    markdown,
                    render(
                            data,
                            comparisons,
                            chart ? png.getFileName().toString() : null,
                            jsonl.getFileName().toString()),
                    StandardCharsets.UTF_8);
            return markdown;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outFolder, e);
        }
    }

    static String freeBaseName(final Path folder, final String date) {
        String base = date;
        for (int n = 2; Files.exists(folder.resolve(base + ".md")); n++) {
            base = date + "-" + n;
        }
        return base;
    }

    static String render(
            final ReportData data, final List<Comparison> comparisons, final String png, final String jsonl) {
        final var md = new StringBuilder();
        md.append("# hive-iot benchmarks: ").append(data.date()).append("\n\n");
        md.append("hive-iot against the bare HiveMQ CE it extends, each scenario run on every broker in one "
                + "invocation, alternating, each broker in its own JVM. The broker and the load generator share the "
                + "machine's cores.\n\n");

        md.append("## How this was run\n\n");
        md.append("- Command: `").append(data.command()).append("`\n");
        md.append("- Source: ").append(data.source()).append('\n');
        final MachineInfo machine = data.machine();
        md.append("- Machine: ")
                .append(machine.cores())
                .append(" cores (")
                .append(machine.cpu())
                .append("), ")
                .append(machine.memory())
                .append(" memory, ")
                .append(machine.os())
                .append('\n');
        md.append("- JDK (load generator and both brokers): ")
                .append(machine.jdk())
                .append('\n');
        data.environment()
                .forEach((name, value) ->
                        md.append("- ").append(name).append(": ").append(value).append('\n'));
        md.append("- Settings: ")
                .append(data.settings().entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        data.brokers()
                .forEach((name, value) ->
                        md.append("- ").append(name).append(": ").append(value).append('\n'));
        md.append('\n');

        md.append("## Results\n\n");
        md.append("Medians over the runs of each broker where a scenario was repeated. Telemetry also ran on the bare "
                + "broker with a one-class extension that consumes `v1/devices/me/telemetry` through an async "
                + "interceptor and stores nothing (\"+ interceptor\": the extension SDK's own ceiling); the last "
                + "columns are hive-iot / bare and hive-iot / bare + interceptor. disk and reads ran on hive-iot "
                + "only.\n\n");
        final boolean postgresql = comparisons.stream()
                .anyMatch(comparison -> !comparison.postgresql().isEmpty());
        if (postgresql) {
            md.append("hive-iot on PostgreSQL ran connect and telemetry, with the same extensions keeping their data "
                    + "in a PostgreSQL server on this machine; its last column is hive-iot on PostgreSQL / hive-iot "
                    + "(SQLite).\n\n");
        }
        md.append("| scenario | metric | bare HiveMQ CE | bare + interceptor | hive-iot | hive-iot / bare "
                        + "| hive-iot / + interceptor |")
                .append(postgresql ? " hive-iot on PostgreSQL | PostgreSQL / SQLite |" : "")
                .append('\n');
        md.append("|---|---|---:|---:|---:|---:|---:|")
                .append(postgresql ? "---:|---:|" : "")
                .append('\n');
        for (final Comparison comparison : comparisons) {
            for (final MetricCatalog.MetricInfo metric : MetricCatalog.of(comparison.scenario())) {
                final boolean compared = metric.better() != MetricCatalog.Better.NEITHER;
                md.append("| ")
                        .append(comparison.label())
                        .append(" | ")
                        .append(metric.label())
                        .append(metric.unit().isEmpty() ? "" : " (" + metric.unit() + ")")
                        .append(" | ")
                        .append(metric.format(comparison.bare(metric.key())))
                        .append(" | ")
                        .append(
                                comparison.interceptor().isEmpty()
                                        ? ""
                                        : metric.format(comparison.interceptor(metric.key())))
                        .append(" | ")
                        .append(metric.format(comparison.hiveIot(metric.key())))
                        .append(" | ")
                        .append(ratio(compared, comparison.ratio(metric.key())))
                        .append(" | ")
                        .append(ratio(compared, comparison.ratioToInterceptor(metric.key())))
                        .append(" |");
                if (postgresql) {
                    md.append(' ')
                            .append(
                                    comparison.postgresql().isEmpty()
                                            ? ""
                                            : metric.format(comparison.postgresql(metric.key())))
                            .append(" | ")
                            .append(ratio(compared, comparison.postgresqlToSqlite(metric.key())))
                            .append(" |");
                }
                md.append('\n');
            }
            refusals(md, comparison, postgresql);
        }
        md.append('\n');

        measured(md, comparisons);
        firmware(md, comparisons);

        md.append("## Targets\n\n");
        md.append("| scenario | target | measured | met |\n|---|---|---:|---|\n");
        for (final Targets.Verdict verdict : Targets.check(comparisons)) {
            md.append("| ")
                    .append(verdict.scenario())
                    .append(" | ")
                    .append(verdict.target())
                    .append(" | ")
                    .append(verdict.measured())
                    .append(" | ")
                    .append(verdict.met() == null ? "n/a" : verdict.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append('\n');
        if (png != null) {
            md.append("![bare HiveMQ CE and hive-iot per scenario](")
                    .append(png)
                    .append(")\n\n");
        }

        if (!data.profiles().isEmpty()) {
            md.append("## Where the time goes (JFR)\n\n");
            md.append("A JDK Flight Recorder recording (settings `profile`) of each broker during an extra run after "
                    + "the measured ones (a connect storm, and max-rate telemetry and rpc when they were measured), not counted in "
                    + "the table above. Shares are of the broker's "
                    + "execution samples (threads running Java code); a library's share counts every sample with "
                    + "at least one of its frames on the stack.\n\n");
            for (final ProfileSummary profile : data.profiles()) {
                profile(md, profile);
            }
        }

        md.append("## Raw data\n\n");
        md.append("`")
                .append(jsonl)
                .append("`: one JSON line per scenario run (the line each run printed last) and "
                        + "per profile. Each run's `parameters`, `metrics` and `refusals` are described in "
                        + "[../README.md](../README.md).\n");
        return md.toString();
    }

    private static String ratio(final boolean compared, final double ratio) {
        return !compared || Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /**
     * What the telemetry, rpc and restart rows measure, next to the figures, because the words alone are ambiguous.
     */
    private static void measured(final StringBuilder md, final List<Comparison> comparisons) {
        if (comparisons.stream().anyMatch(c -> c.scenario().startsWith("telemetry"))) {
            md.append(
                    "**Telemetry**: every device publishes `{\"ts\":..,\"values\":{\"temperature\":..,\"humidity\":..,"
                            + "\"pressure\":..}}` to `v1/devices/me/telemetry`, with a client-side ts unique per device. "
                            + "`telemetry` is max rate (each device sends its next publish when the previous one is "
                            + "acknowledged, up to its in-flight window), `telemetry-fixed` a fixed total rate spread "
                            + "round-robin over the devices (half of hive-iot's max rate unless `--rate` was given). Counted are "
                            + "the publishes sent inside the measured window (after the warm-up on the same connections): "
                            + "acknowledged per second of the window, and latency from the publish call to the client's "
                            + "PUBACK (QoS 1; PUBCOMP for QoS 2). hive-iot acknowledges QoS 1/2 after the commit to "
                            + "device-data.db. The bare broker only routes, and nothing subscribes to the topic: it acknowledges "
                            + "and drops; with the consuming interceptor it acknowledges after the interceptor resumed. `CPU per "
                            + "acknowledged message` is the broker's CPU over the window / messages acknowledged in it (for "
                            + "hive-iot every one of them stored). **Stored** is counted, not assumed: after each hive-iot run "
                            + "and its broker's stop, the points of the run's devices, keys and ts range in device-data.db "
                            + "(opened read-only, decoded by extension-device-api's own reader: chunks and ingest rows); the "
                            + "ratio is points / (messages acknowledged in the whole run, warm-up included, x 3). "
                            + "`telemetry 1000x4` ran 1,000 devices with 4 publishes in flight each.\n\n");
        }
        if (comparisons.stream()
                .anyMatch(c -> c.scenario().equals("disk") || c.scenario().equals("reads"))) {
            md.append("**Disk** (hive-iot only): " + DiskScenario.DESCRIPTION + " **Reads** (hive-iot only): "
                    + ReadsScenario.DESCRIPTION + "\n\n");
        }
        if (comparisons.stream().anyMatch(c -> c.scenario().equals("rpc"))) {
            md.append("**RPC**: devices subscribed to their request topic answer each request at once; one application "
                    + "sends requests round-robin at a fixed rate with a bounded number unanswered; the round trip "
                    + "runs from the request's publish call to the answer's arrival at the application (all QoS 1). "
                    + "hive-iot: the demo application's `rpc` op on `users/demo/api/devices/request/<id>`, the device on "
                    + "`v1/devices/me/rpc/request/+`, the answer from the `devices` service. Bare: the same exchange "
                    + "as plain MQTT (`bench/<device>/rpc/request/<id>` to the device, "
                    + "`bench/<device>/rpc/response/<id>` back), which the broker only routes.\n\n");
        }
        if (comparisons.stream().anyMatch(c -> c.scenario().equals("restart"))) {
            md.append("**Restart storm**: each broker on a data folder of its own; its devices (access tokens created "
                    + "through hive-iot's registry) connect with a persistent session (MQTT 5 clean start off with a "
                    + "session expiry, MQTT 3.1.1 clean session off) and subscribe to `v1/devices/me/rpc/request/+`. "
                    + "The broker is then stopped with the distribution's normal stop (SIGTERM) and started again in a "
                    + "fresh JVM on the same data folder and port. Every device comes back by itself, retrying on the "
                    + "HiveMQ client's automatic reconnect schedule (a delay doubling from the first one up to the "
                    + "maximum, a quarter either way at random); it is serving when a CONNACK says its session is "
                    + "present and one QoS 1 telemetry publish after it is acknowledged. Times run from the moment the "
                    + "restarted broker's port first accepted a TCP connection; the broker's CPU over the same time "
                    + "(until the last device was serving) is the storm's, its start before it is shown apart. "
                    + "\"failed after the port opened\" counts failed attempts, connections lost again and refused "
                    + "publishes, by reason under the table.\n\n");
        }
    }

    private static void firmware(final StringBuilder md, final List<Comparison> comparisons) {
        if (comparisons.stream().anyMatch(c -> c.scenario().equals("firmware"))) {
            md.append("**Firmware**: every device downloads the same package (random bytes of a fixed seed) "
                    + "at the same time, chunk by chunk as a ThingsBoard device does: one QoS 1 request in flight with "
                    + "the chunk size as decimal text, the next one when the chunk arrived, until it has the whole "
                    + "package, whose SHA-256 it then checks. hive-iot: the demo application uploads the package "
                    + "through the `firmware` service (`package.upload` in pieces, then `assign` per device), the "
                    + "devices subscribe `v2/fw/response/+/chunk/+` and ask on `v2/fw/request/<id>/chunk/<n>`, "
                    + "hive-iot-firmware answers from its in-memory cache: one QoS 1 delivery per chunk. "
                    + "Bare: server clients of the load generator (`--fw-servers`) subscribed to "
                    + "`bench/+/fw/request/+` answer each request with the same bytes on "
                    + "`bench/<device>/fw/response/<n>`, which the broker only routes: two QoS 1 deliveries per "
                    + "chunk (the request to a server, the chunk to the device), and the servers' CPU is on the same "
                    + "cores. MiB/s is all bytes received / first request to last chunk; the "
                    + "heap peak is the broker's used heap (garbage included) sampled every 500 ms with `jstat`, live "
                    + "heap before and after is after forced full GCs.\n\n");
        }
    }

    private static void refusals(final StringBuilder md, final Comparison comparison, final boolean postgresql) {
        final String bare = refusalText(comparison.bare());
        final String interceptor = refusalText(comparison.interceptor());
        final String hiveIot = refusalText(comparison.hiveIot());
        final String onPostgresql = refusalText(comparison.postgresql());
        if (!bare.isEmpty() || !interceptor.isEmpty() || !hiveIot.isEmpty() || !onPostgresql.isEmpty()) {
            md.append("| ")
                    .append(comparison.label())
                    .append(" | refusals by reason | ")
                    .append(bare.isEmpty() ? "none" : bare)
                    .append(" | ")
                    .append(interceptor.isEmpty() ? "" : interceptor)
                    .append(" | ")
                    .append(hiveIot.isEmpty() ? "none" : hiveIot)
                    .append(" | | |");
            if (postgresql) {
                md.append(' ')
                        .append(comparison.postgresql().isEmpty() ? "" : onPostgresql.isEmpty() ? "none" : onPostgresql)
                        .append(" | |");
            }
            md.append('\n');
        }
    }

    private static String refusalText(final List<ScenarioResult> runs) {
        return runs.stream()
                .flatMap(run -> run.refusals().entrySet().stream())
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, java.util.TreeMap::new, Collectors.summingLong(Map.Entry::getValue)))
                .entrySet()
                .stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void profile(final StringBuilder md, final ProfileSummary profile) {
        md.append("### ")
                .append(profile.broker())
                .append(", ")
                .append(profile.scenario())
                .append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%.1f s recorded, %,d execution samples, %,d non-idle native samples; "
                        + "machine CPU %.0f%%, broker JVM CPU %.0f%% (of all cores); %d GCs, %.0f ms of pauses; "
                        + "%,.0f MiB allocated (sampled estimate).%n%n",
                profile.recorded().toMillis() / 1000.0,
                profile.executionSamples(),
                profile.nativeSamples(),
                profile.machineCpu() * 100,
                profile.jvmCpu() * 100,
                profile.gcCount(),
                profile.gcPauseTotal().toNanos() / 1e6,
                profile.allocationBytes() / 1024.0 / 1024));
        table(md, "library (inclusive)", "samples", profile.libraries(), 12);
        table(md, "hot method (self)", "samples", profile.hotMethods(), 8);
        table(
                md,
                "running library or application method (first frame outside the JDK)",
                "samples",
                profile.hotCallers(),
                12);
        if (!profile.hotHiveIotFrames().isEmpty()) {
            table(md, "topmost io.hiveiot frame", "samples", profile.hotHiveIotFrames(), 8);
        }
        table(md, "thread", "samples", profile.threads(), 8);
        if (!profile.nativeFrames().isEmpty()) {
            table(md, "native method (non-idle)", "native samples", profile.nativeFrames(), 6);
        }
        table(md, "allocated class", "MiB", mib(profile.allocationByClass()), 8);
        table(md, "allocating method (first frame outside the JDK)", "MiB", mib(profile.allocationBySite()), 8);
    }

    private static List<ProfileSummary.Share> mib(final List<ProfileSummary.Share> shares) {
        return shares.stream()
                .map(share -> new ProfileSummary.Share(
                        share.name(), Math.round(share.count() / 1024.0 / 1024), share.percent()))
                .toList();
    }

    private static void table(
            final StringBuilder md,
            final String what,
            final String unit,
            final List<ProfileSummary.Share> shares,
            final int limit) {
        md.append("| ").append(what).append(" | ").append(unit).append(" | % |\n|---|---:|---:|\n");
        shares.stream()
                .limit(limit)
                .forEach(share -> md.append("| `")
                        .append(share.name())
                        .append("` | ")
                        .append(String.format(Locale.ROOT, "%,d", share.count()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", share.percent()))
                        .append(" |\n"));
        md.append('\n');
    }
}
