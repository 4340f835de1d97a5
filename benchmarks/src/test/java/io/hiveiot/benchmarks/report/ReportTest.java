package io.hiveiot.benchmarks.report;

import io.hiveiot.benchmarks.profile.ProfileSummary;
import io.hiveiot.benchmarks.scenario.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private static ScenarioResult connect(final String broker, final double rate, final double p99) {
        return new ScenarioResult(
                "connect",
                "5",
                broker,
                Map.of("devices", 100),
                Map.of(
                        "connects_per_s",
                        rate,
                        "connack_p50_ms",
                        10.0,
                        "connack_p99_ms",
                        p99,
                        "connected",
                        100.0,
                        "refused",
                        0.0),
                Map.of());
    }

    private static ScenarioResult idle(final String broker, final double heapPerConnection) {
        return new ScenarioResult(
                "idle",
                "5",
                broker,
                Map.of("devices", 100),
                Map.of("heap_per_connection_bytes", heapPerConnection, "rss_per_connection_bytes", 40_000.0),
                Map.of());
    }

    @Test
    void comparison_pairsBrokersAndTakesMediansOfRepeats() {
        final List<Comparison> comparisons = Comparison.of(List.of(
                connect("bare", 1000, 50),
                connect("hive-iot", 850, 60),
                connect("hive-iot", 950, 70),
                connect("bare", 1000, 50),
                connect("hive-iot", 900, 80)));
        assertEquals(1, comparisons.size());
        final Comparison connect = comparisons.get(0);
        assertEquals(1000, connect.bare("connects_per_s"), 1e-9);
        assertEquals(900, connect.hiveIot("connects_per_s"), 1e-9);
        assertEquals(0.9, connect.ratio("connects_per_s"), 1e-9);
        assertEquals(1.4, connect.ratio("connack_p99_ms"), 1e-9);
    }

    @Test
    void render_withHiveIotOnPostgresql_addsItsColumnAndItsRatioToSqlite_onlyWhereItRan() {
        final var data = new ReportData(
                LocalDate.of(2026, 12, 1),
                "run-benchmarks --postgresql",
                "commit abc",
                new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(
                        connect("bare", 1000, 50),
                        connect("hive-iot", 950, 60),
                        connect("hive-iot-pg", 760, 90),
                        idle("bare", 9000),
                        idle("hive-iot", 11000)),
                List.of());
        final List<Comparison> comparisons = Comparison.of(data.results());
        assertEquals(0.8, comparisons.get(0).postgresqlToSqlite("connects_per_s"), 1e-9);

        final String md = MarkdownReport.render(data, comparisons, null, "x.jsonl");
        assertTrue(md.contains("| hive-iot / + interceptor | hive-iot on PostgreSQL | PostgreSQL / SQLite |"), md);
        assertTrue(md.contains("| connect (MQTT 5) | connects/s (1/s) | 1,000 |  | 950 | 0.95 |  | 760 | 0.80 |"), md);
        assertTrue(md.contains("| idle (MQTT 5) | heap per connection (KiB) | 8.79 |  | 10.74 | 1.22 |  |  |  |"), md);
    }

    @Test
    void targets_connectRatioAndIdleHeapAboveBare() {
        final List<Targets.Verdict> verdicts = Targets.check(Comparison.of(List.of(
                connect("bare", 1000, 1),
                connect("hive-iot", 890, 1),
                idle("bare", 9_000),
                idle("hive-iot", 9_000 + 10 * 1024))));
        assertEquals(Boolean.FALSE, verdicts.get(0).met());
        assertEquals("0.89 x", verdicts.get(0).measured());
        assertEquals(Boolean.TRUE, verdicts.get(1).met());
        assertEquals("+10.00 KiB", verdicts.get(1).measured());
        final List<Targets.Verdict> missing = Targets.check(Comparison.of(List.of(connect("bare", 1000, 1))));
        assertEquals(null, missing.get(0).met());
    }

    @Test
    void render_hasCommandMachineTableTargetsAndProfile() {
        final var profile = new ProfileSummary(
                "hive-iot",
                "connect (MQTT 5)",
                Duration.ofSeconds(5),
                400,
                List.of(new ProfileSummary.Share("org.sqlite.core.NativeDB.step", 40, 10)),
                List.of(),
                List.of(),
                List.of(new ProfileSummary.Share("SQLite JDBC (org.sqlite)", 80, 20)),
                List.of(),
                0,
                List.of(),
                1024 * 1024 * 10,
                List.of(new ProfileSummary.Share("byte[]", 1024 * 1024 * 5, 50)),
                List.of(),
                3,
                Duration.ofMillis(12),
                0.95,
                0.6);
        final var data = new ReportData(
                LocalDate.of(2026, 12, 1),
                "benchmarks/bin/run-benchmarks --devices 100",
                "commit abc",
                new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of("devices", "100"),
                Map.of("Extensions, hive-iot", "hive-iot-auth"),
                Map.of("Load average", "1 1 1"),
                List.of(
                        connect("bare", 1000, 50),
                        connect("hive-iot", 950, 60),
                        idle("bare", 9000),
                        idle("hive-iot", 11000)),
                List.of(profile));
        final String md =
                MarkdownReport.render(data, Comparison.of(data.results()), "2026-12-01.png", "2026-12-01.jsonl");
        assertTrue(md.contains("`benchmarks/bin/run-benchmarks --devices 100`"), md);
        assertTrue(md.contains("2 cores (AMD EPYC), 24.0 GiB memory"), md);
        assertTrue(md.contains("| connect (MQTT 5) | connects/s (1/s) | 1,000 |  | 950 | 0.95 |  |"), md);
        assertTrue(md.contains("| idle (MQTT 5) | heap per connection (KiB) | 8.79 |  | 10.74 | 1.22 |  |"), md);
        assertTrue(
                md.contains("| connect (MQTT 5) | connects/s with token auth >= 0.9 x bare anonymous | 0.95 x | yes |"),
                md);
        assertTrue(md.contains("![bare HiveMQ CE and hive-iot per scenario](2026-12-01.png)"), md);
        assertTrue(md.contains("| `SQLite JDBC (org.sqlite)` | 80 | 20.0 |"), md);
        assertTrue(md.contains("| `byte[]` | 5 | 50.0 |"), md);
        assertFalse(md.contains("NaN"), md);
    }

    private static ScenarioResult telemetry(
            final String name, final String broker, final double rate, final double p99, final double storedRatio) {
        return new ScenarioResult(
                name,
                "5",
                broker,
                Map.of("devices", 100, "qos", 1),
                Map.of(
                        "acked_per_s",
                        rate,
                        "values_per_s",
                        rate * 3,
                        "ack_p50_ms",
                        1.0,
                        "ack_p99_ms",
                        p99,
                        "target_rate_per_s",
                        name.equals("telemetry") ? Double.NaN : 1500.0,
                        "stored_ratio",
                        storedRatio,
                        "broker_cpu_us_per_acked",
                        100_000 / rate),
                Map.of());
    }

    private static ScenarioResult rpc(final String broker, final double rate, final double p99) {
        return new ScenarioResult(
                "rpc",
                "5",
                broker,
                Map.of("devices", 100),
                Map.of(
                        "target_rate_per_s",
                        1000.0,
                        "rpc_per_s",
                        rate,
                        "rtt_p50_ms",
                        1.0,
                        "rtt_p99_ms",
                        p99,
                        "rtt_p999_ms",
                        p99 * 2),
                Map.of());
    }

    @Test
    void targets_telemetryRatioCpuStoredFixedRateLatencyAndRpc() {
        final List<Targets.Verdict> verdicts = Targets.check(Comparison.of(List.of(
                telemetry("telemetry", "bare", 10_000, 3, Double.NaN),
                telemetry("telemetry", "interceptor", 8_000, 3, Double.NaN),
                telemetry("telemetry", "hive-iot", 3_000, 30, 1.0),
                telemetry("telemetry-fixed", "bare", 1_500, 1, Double.NaN),
                telemetry("telemetry-fixed", "hive-iot", 1_499, 9.5, 1.0),
                rpc("bare", 1000, 2),
                rpc("hive-iot", 990, 12))));
        assertEquals(5, verdicts.size());
        assertEquals("0.30 x (0.38 x bare + interceptor)", verdicts.get(0).measured());
        assertEquals(Boolean.FALSE, verdicts.get(0).met());
        assertEquals("3.33 x (33.3 µs)", verdicts.get(1).measured());
        assertEquals(Boolean.FALSE, verdicts.get(1).met());
        assertEquals("1.0000", verdicts.get(2).measured());
        assertEquals(Boolean.TRUE, verdicts.get(2).met());
        assertEquals("9.50 ms at 1,500 msgs/s", verdicts.get(3).measured());
        assertEquals(Boolean.TRUE, verdicts.get(3).met());
        assertEquals("12.00 ms at 990 RPC/s answered", verdicts.get(4).measured());
        assertEquals(Boolean.FALSE, verdicts.get(4).met());
        final List<Targets.Verdict> lost = Targets.check(Comparison.of(List.of(
                telemetry("telemetry", "bare", 10_000, 3, Double.NaN),
                telemetry("telemetry", "hive-iot", 8_000, 3, 0.99))));
        assertEquals(Boolean.TRUE, lost.get(0).met());
        assertEquals(Boolean.TRUE, lost.get(1).met());
        assertEquals(Boolean.FALSE, lost.get(2).met());
    }

    @Test
    void variantsOfTelemetry_areComparedApart_andDiskAndReadsOfHiveIotAlone_haveTargets() {
        final List<Comparison> comparisons = Comparison.of(List.of(
                telemetry("telemetry", "bare", 10_000, 3, Double.NaN),
                telemetry("telemetry", "hive-iot", 6_000, 3, 1.0),
                telemetry("telemetry", "bare", 9_000, 3, Double.NaN).withVariant("1000x4"),
                telemetry("telemetry", "hive-iot", 4_000, 3, 1.0).withVariant("1000x4"),
                new ScenarioResult(
                        "disk",
                        "5",
                        "hive-iot",
                        Map.of("devices", 100),
                        Map.of("bytes_per_value", 3.5, "file_bytes", 3.5e6, "stored_values", 1e6),
                        Map.of()),
                new ScenarioResult(
                        "reads",
                        "5",
                        "hive-iot",
                        Map.of("devices", 102),
                        Map.of("history_max_ms", 12.0, "aggregate_max_ms", 140.0, "ingest_per_s", 5000.0),
                        Map.of())));
        assertEquals(
                List.of("telemetry (MQTT 5)", "telemetry 1000x4 (MQTT 5)", "disk (MQTT 5)", "reads (MQTT 5)"),
                comparisons.stream().map(Comparison::label).toList());
        final List<Targets.Verdict> verdicts = Targets.check(comparisons);
        assertEquals(
                List.of(true, true, true, false, true, true, true, true, false),
                verdicts.stream().map(Targets.Verdict::met).toList());
        assertEquals("0.44 x", verdicts.get(3).measured());
        assertEquals("140.0 ms at most, at 5,000 msgs/s", verdicts.get(8).measured());
        final var data = new ReportData(
                LocalDate.of(2026, 12, 7),
                "run",
                "commit abc",
                new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                List.of());
        final String md = MarkdownReport.render(data, comparisons, null, "x.jsonl");
        assertTrue(md.contains("| disk (MQTT 5) | bytes on disk per stored value (B) | n/a |  | 3.50 |  |  |"), md);
        assertTrue(md.contains("**Disk** (hive-iot only)"), md);
    }

    @Test
    void render_deviceApiScenarios_explainWhatIsMeasured() {
        final var data = new ReportData(
                LocalDate.of(2026, 12, 2),
                "run",
                "commit abc",
                new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(
                        telemetry("telemetry", "bare", 10_000, 3, Double.NaN),
                        telemetry("telemetry", "hive-iot", 8_000, 4, 1.0),
                        rpc("bare", 1000, 2),
                        rpc("hive-iot", 1000, 5)),
                List.of());
        final String md = MarkdownReport.render(data, Comparison.of(data.results()), null, "x.jsonl");
        assertTrue(
                md.contains("| telemetry (MQTT 5) | messages/s acknowledged (1/s) | 10,000 |  | 8,000 | 0.80 |  |"),
                md);
        assertTrue(md.contains("| telemetry (MQTT 5) | stored / (acknowledged x 3) | n/a |  | 1.0000 |  |  |"), md);
        assertTrue(md.contains("| rpc (MQTT 5) | round trip p99 (ms) | 2.00 |  | 5.00 | 2.50 |  |"), md);
        assertTrue(md.contains("**Stored** is counted, not assumed"), md);
        assertTrue(md.contains("**RPC**"), md);
    }

    @Test
    void charts_allFourScenarios_writeOnePng(@TempDir final Path folder) {
        final Path png = folder.resolve("chart.png");
        assertTrue(Charts.write(
                Comparison.of(List.of(
                        connect("bare", 1000, 50),
                        connect("hive-iot", 950, 60),
                        idle("bare", 9000),
                        idle("hive-iot", 11000),
                        telemetry("telemetry", "bare", 10_000, 3, Double.NaN),
                        telemetry("telemetry", "hive-iot", 8_000, 4, 1.0),
                        telemetry("telemetry-fixed", "bare", 4_000, 1, Double.NaN),
                        telemetry("telemetry-fixed", "hive-iot", 4_000, 2, 1.0),
                        rpc("bare", 1000, 2),
                        rpc("hive-iot", 1000, 5))),
                png));
        assertTrue(Files.isRegularFile(png));
    }

    private static ScenarioResult firmware(final String broker, final double mbPerSecond, final double heapPeak) {
        final Map<String, Double> metrics = new java.util.HashMap<>(Map.of(
                "mb_per_s",
                mbPerSecond,
                "chunks_per_s",
                mbPerSecond * 256,
                "chunk_p50_ms",
                40.0,
                "chunk_p99_ms",
                120.0,
                "heap_peak_bytes",
                heapPeak,
                "heap_after_bytes",
                60.0 * 1024 * 1024,
                "connected",
                1000.0,
                "completed",
                1000.0,
                "failed",
                0.0));
        metrics.put("broker_cpu_ms_per_mb", 200.0);
        return new ScenarioResult("firmware", "5", broker, Map.of("devices", 1000), metrics, Map.of());
    }

    @Test
    void firmware_reportShowsMibPerSecondAndHeapOfBothBrokersWithTheRatio_andNoJudgement(@TempDir final Path folder) {
        final List<ScenarioResult> results =
                List.of(firmware("bare", 8, 100 * 1024 * 1024), firmware("hive-iot", 6, 150 * 1024 * 1024));
        final List<Targets.Verdict> verdicts = Targets.check(Comparison.of(results));
        assertEquals(1, verdicts.size());
        assertEquals(
                "0.75 x MiB/s, 1.50 x heap peak; 1,000 of 1,000 devices verified",
                verdicts.get(0).measured());
        assertEquals(null, verdicts.get(0).met());
        final var data = new ReportData(
                LocalDate.of(2026, 12, 2),
                "run",
                "commit abc",
                new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of(),
                Map.of(),
                Map.of(),
                results,
                List.of());
        final String md = MarkdownReport.render(data, Comparison.of(results), null, "x.jsonl");
        assertTrue(
                md.contains("| firmware (MQTT 5) | MiB/s received by all devices (MiB/s) | 8.0 |  | 6.0 | 0.75 |  |"),
                md);
        assertTrue(
                md.contains("| firmware (MQTT 5) | broker heap used, peak during the download (MiB) | 100.0 |  | "
                        + "150.0 | 1.50 |  |"),
                md);
        assertTrue(md.contains("**Firmware**: every device"), md);
        assertTrue(md.contains("## Targets"), md);
        assertFalse(md.contains("NaN"), md);
        assertTrue(Charts.write(Comparison.of(results), folder.resolve("fw.png")));
    }

    private static ScenarioResult restart(
            final String broker,
            final double to99,
            final double to100,
            final double serving,
            final Map<String, Long> refusals) {
        final Map<String, Double> metrics = new java.util.HashMap<>(Map.of(
                "time_to_50_s",
                to99 / 2,
                "time_to_99_s",
                to99,
                "time_to_100_s",
                to100,
                "connected_99_s",
                to99 * 0.9,
                "broker_cpu_s",
                12.0,
                "broker_cpu_ms_per_device",
                12_000 / serving,
                "start_s",
                4.0,
                "serving",
                serving,
                "session_lost",
                10_000 - serving,
                "refused",
                3.0));
        metrics.put("attempts_while_down", 40_000.0);
        return new ScenarioResult("restart", "5", broker, Map.of("devices", 10_000), metrics, refusals);
    }

    @Test
    void restart_reportShowsTimesUntilServingCpuAndRefusals_andJudgesHiveIotsTimeTo99AgainstBare(
            @TempDir final Path folder) {
        final List<ScenarioResult> results = List.of(
                restart("bare", 8.0, 9.5, 10_000, Map.of()),
                restart("hive-iot", 9.2, 11.0, 10_000, Map.of("0x88 SERVER_UNAVAILABLE", 3L)));
        final List<Targets.Verdict> verdicts = Targets.check(Comparison.of(results));
        assertEquals(1, verdicts.size());
        assertEquals("restart (MQTT 5)", verdicts.get(0).scenario());
        assertEquals("1.15 x (9.20 s against 8.00 s)", verdicts.get(0).measured());
        assertEquals(Boolean.TRUE, verdicts.get(0).met());
        final var data = new ReportData(
                LocalDate.of(2026, 12, 7),
                "run",
                "commit abc",
                new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of(),
                Map.of(),
                Map.of(),
                results,
                List.of());
        final String md = MarkdownReport.render(data, Comparison.of(results), null, "x.jsonl");
        assertTrue(
                md.contains("| restart (MQTT 5) | time to 99% serving, from the port open (s) | 8.00 |  | 9.20 "
                        + "| 1.15 |  |"),
                md);
        assertTrue(md.contains("| restart (MQTT 5) | time to 100% serving (s) | 9.50 |  | 11.00 | 1.16 |  |"), md);
        assertTrue(
                md.contains(
                        "| restart (MQTT 5) | broker CPU per device serving (ms) | 1.200 |  | 1.200 " + "| 1.00 |  |"),
                md);
        assertTrue(md.contains("| restart (MQTT 5) | attempts at the closed port | 40,000 |  | 40,000 |  |  |"), md);
        assertTrue(
                md.contains(
                        "| restart (MQTT 5) | refusals by reason | none |  | 0x88 SERVER_UNAVAILABLE: 3 " + "| | |"),
                md);
        assertTrue(
                md.contains("| restart (MQTT 5) | time to 99% of the devices serving after a restart <= 1.2 x bare "
                        + "| 1.15 x (9.20 s against 8.00 s) | yes |"),
                md);
        assertTrue(md.contains("**Restart storm**: each broker on a data folder of its own"), md);
        assertFalse(md.contains("NaN"), md);
        assertTrue(Charts.write(Comparison.of(results), folder.resolve("restart.png")));
    }

    @Test
    void restart_hiveIotShortOf99Percent_missesTheTarget_andTheTableShowsNotAvailable() {
        final List<ScenarioResult> results = List.of(
                restart("bare", 8.0, 9.5, 10_000, Map.of()),
                restart("hive-iot", Double.NaN, Double.NaN, 9_800, Map.of()));
        final Targets.Verdict verdict = Targets.check(Comparison.of(results)).get(0);
        assertEquals("99% not reached: 9,800 of 10,000 serving", verdict.measured());
        assertEquals(Boolean.FALSE, verdict.met());
        final String md = MarkdownReport.render(
                new ReportData(
                        LocalDate.of(2026, 12, 7),
                        "run",
                        "commit abc",
                        new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        results,
                        List.of()),
                Comparison.of(results),
                null,
                "x.jsonl");
        assertTrue(
                md.contains("| restart (MQTT 5) | time to 99% serving, from the port open (s) | 8.00 |  | n/a "
                        + "|  |  |"),
                md);
        assertTrue(md.contains("| 99% not reached: 9,800 of 10,000 serving | **no** |"), md);
        assertEquals(
                null,
                Targets.check(Comparison.of(List.of(
                                restart("bare", Double.NaN, Double.NaN, 9_000, Map.of()),
                                restart("hive-iot", 9.0, 9.5, 10_000, Map.of()))))
                        .get(0)
                        .met());
        assertEquals(
                null,
                Targets.check(Comparison.of(List.of(restart("bare", 8.0, 9.5, 10_000, Map.of()))))
                        .get(0)
                        .met());
    }

    @Test
    void freeBaseName_neverOverwritesAReport(@TempDir final Path folder) throws IOException {
        assertEquals("2026-12-01", MarkdownReport.freeBaseName(folder, "2026-12-01"));
        Files.writeString(folder.resolve("2026-12-01.md"), "x");
        assertEquals("2026-12-01-2", MarkdownReport.freeBaseName(folder, "2026-12-01"));
        Files.writeString(folder.resolve("2026-12-01-2.md"), "x");
        assertEquals("2026-12-01-3", MarkdownReport.freeBaseName(folder, "2026-12-01"));
    }
}
