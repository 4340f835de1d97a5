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
        return new ScenarioResult("connect", "5", broker, Map.of("devices", 100),
                Map.of("connects_per_s", rate, "connack_p50_ms", 10.0, "connack_p99_ms", p99, "connected", 100.0,
                        "refused", 0.0), Map.of());
    }

    private static ScenarioResult idle(final String broker, final double heapPerConnection) {
        return new ScenarioResult("idle", "5", broker, Map.of("devices", 100),
                Map.of("heap_per_connection_bytes", heapPerConnection, "rss_per_connection_bytes", 40_000.0),
                Map.of());
    }

    @Test
    void comparison_pairsBrokersAndTakesMediansOfRepeats() {
        final List<Comparison> comparisons = Comparison.of(List.of(connect("bare", 1000, 50), connect("hive-iot", 850, 60),
                connect("hive-iot", 950, 70), connect("bare", 1000, 50), connect("hive-iot", 900, 80)));
        assertEquals(1, comparisons.size());
        final Comparison connect = comparisons.get(0);
        assertEquals(1000, connect.bare("connects_per_s"), 1e-9);
        assertEquals(900, connect.hiveIot("connects_per_s"), 1e-9);
        assertEquals(0.9, connect.ratio("connects_per_s"), 1e-9);
        assertEquals(1.4, connect.ratio("connack_p99_ms"), 1e-9);
    }

    @Test
    void targets_connectRatioAndIdleHeapAboveBare() {
        final List<Targets.Verdict> verdicts = Targets.check(Comparison.of(List.of(connect("bare", 1000, 1),
                connect("hive-iot", 890, 1), idle("bare", 9_000), idle("hive-iot", 9_000 + 10 * 1024))));
        assertEquals(Boolean.FALSE, verdicts.get(0).met());
        assertEquals("0.89 x", verdicts.get(0).measured());
        assertEquals(Boolean.TRUE, verdicts.get(1).met());
        assertEquals("+10.00 KiB", verdicts.get(1).measured());
        final List<Targets.Verdict> missing = Targets.check(Comparison.of(List.of(connect("bare", 1000, 1))));
        assertEquals(null, missing.get(0).met());
    }

    @Test
    void render_hasCommandMachineTableTargetsAndProfile() {
        final var profile = new ProfileSummary("hive-iot", "connect (MQTT 5)", Duration.ofSeconds(5), 400,
                List.of(new ProfileSummary.Share("org.sqlite.core.NativeDB.step", 40, 10)), List.of(), List.of(),
                List.of(new ProfileSummary.Share("SQLite JDBC (org.sqlite)", 80, 20)), List.of(), 0, List.of(),
                1024 * 1024 * 10, List.of(new ProfileSummary.Share("byte[]", 1024 * 1024 * 5, 50)), List.of(), 3,
                Duration.ofMillis(12), 0.95, 0.6);
        final var data = new ReportData(LocalDate.of(2026, 12, 1), "benchmarks/bin/run-benchmarks --devices 100",
                "commit abc", new MachineInfo(2, "AMD EPYC", 24L << 30, "Linux", "OpenJDK 17"),
                Map.of("devices", "100"), Map.of("Extensions, hive-iot", "hive-iot-auth"), Map.of("Load average", "1 1 1"),
                List.of(connect("bare", 1000, 50), connect("hive-iot", 950, 60), idle("bare", 9000), idle("hive-iot", 11000)),
                List.of(profile));
        final String md = MarkdownReport.render(data, Comparison.of(data.results()), "2026-12-01.png", "2026-12-01.jsonl");
        assertTrue(md.contains("`benchmarks/bin/run-benchmarks --devices 100`"), md);
        assertTrue(md.contains("2 cores (AMD EPYC), 24.0 GiB memory"), md);
        assertTrue(md.contains("| connect (MQTT 5) | connects/s (1/s) | 1,000 | 950 | 0.95 |"), md);
        assertTrue(md.contains("| idle (MQTT 5) | heap per connection (KiB) | 8.79 | 10.74 | 1.22 |"), md);
        assertTrue(md.contains("| connect (MQTT 5) | connects/s with token auth >= 0.9 x bare anonymous | 0.95 x | yes |"), md);
        assertTrue(md.contains("![bare HiveMQ CE and hive-iot per scenario](2026-12-01.png)"), md);
        assertTrue(md.contains("| `SQLite JDBC (org.sqlite)` | 80 | 20.0 |"), md);
        assertTrue(md.contains("| `byte[]` | 5 | 50.0 |"), md);
        assertFalse(md.contains("NaN"), md);
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
