package io.hiveiot.benchmarks.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's PNG: throughput, latency, CPU and memory per scenario, bare HiveMQ CE beside hive-iot.
 * Telemetry, rpc, firmware and restart add two charts each and connect with idle four, so the usual runs fill a
 * 2-column grid.
 */
public final class Charts {

    private static final Color BARE = new Color(0x8c, 0x8c, 0x8c);
    private static final Color HIVE_IOT = new Color(0xf2, 0xa9, 0x00);

    private Charts() {}

    /** Writes the charts of every comparison that has figures; returns false when there is nothing to draw. */
    public static boolean write(final List<Comparison> comparisons, final Path png) {
        System.setProperty("java.awt.headless", "true");
        final List<CategoryChart> charts = new ArrayList<>();
        final List<Comparison> connects =
                comparisons.stream().filter(c -> c.scenario().equals("connect")).toList();
        final List<Comparison> idles =
                comparisons.stream().filter(c -> c.scenario().equals("idle")).toList();
        if (!connects.isEmpty()) {
            final var names = connects.stream().map(Comparison::protocolName).toList();
            charts.add(chart(
                    "Connect storm: throughput",
                    "connects/s",
                    names,
                    connects.stream().map(c -> c.bare("connects_per_s")).toList(),
                    connects.stream().map(c -> c.hiveIot("connects_per_s")).toList()));
            final List<String> latencyNames = new ArrayList<>();
            final List<Double> bare = new ArrayList<>();
            final List<Double> hiveIot = new ArrayList<>();
            for (final Comparison c : connects) {
                for (final String percentile : List.of("p50", "p99")) {
                    latencyNames.add(percentile + " " + c.protocolName());
                    bare.add(c.bare("connack_" + percentile + "_ms"));
                    hiveIot.add(c.hiveIot("connack_" + percentile + "_ms"));
                }
            }
            charts.add(chart("Connect storm: CONNACK latency", "ms", latencyNames, bare, hiveIot));
            charts.add(chart(
                    "Connect storm: broker CPU per connect",
                    "ms CPU",
                    names,
                    connects.stream()
                            .map(c -> c.bare("broker_cpu_ms_per_connect"))
                            .toList(),
                    connects.stream()
                            .map(c -> c.hiveIot("broker_cpu_ms_per_connect"))
                            .toList()));
        }
        if (!idles.isEmpty()) {
            final List<String> names = new ArrayList<>();
            final List<Double> bare = new ArrayList<>();
            final List<Double> hiveIot = new ArrayList<>();
            for (final Comparison c : idles) {
                for (final String kind : List.of("heap", "rss")) {
                    names.add((kind.equals("heap") ? "heap " : "RSS ") + c.protocolName());
                    bare.add(c.bare(kind + "_per_connection_bytes") / 1024);
                    hiveIot.add(c.hiveIot(kind + "_per_connection_bytes") / 1024);
                }
            }
            charts.add(chart("Idle devices: memory per connection", "KiB", names, bare, hiveIot));
        }
        final List<Comparison> telemetry = comparisons.stream()
                .filter(c -> c.scenario().startsWith("telemetry"))
                .toList();
        if (!telemetry.isEmpty()) {
            final List<Comparison> maxRate = telemetry.stream()
                    .filter(c -> c.scenario().equals("telemetry"))
                    .toList();
            charts.add(chart(
                    "Telemetry at max rate: messages acknowledged",
                    "msgs/s",
                    maxRate.stream().map(Comparison::protocolName).toList(),
                    maxRate.stream().map(c -> c.bare("acked_per_s")).toList(),
                    maxRate.stream().map(c -> c.hiveIot("acked_per_s")).toList()));
            final List<String> names = new ArrayList<>();
            final List<Double> bare = new ArrayList<>();
            final List<Double> hiveIot = new ArrayList<>();
            for (final Comparison c : telemetry) {
                for (final String percentile : List.of("p50", "p99")) {
                    names.add(percentile + (c.scenario().equals("telemetry") ? " max rate" : " fixed rate"));
                    bare.add(c.bare("ack_" + percentile + "_ms"));
                    hiveIot.add(c.hiveIot("ack_" + percentile + "_ms"));
                }
            }
            charts.add(chart("Telemetry: publish-to-ack latency", "ms", names, bare, hiveIot));
        }
        final List<Comparison> rpcs =
                comparisons.stream().filter(c -> c.scenario().equals("rpc")).toList();
        if (!rpcs.isEmpty()) {
            charts.add(chart(
                    "RPC: round trips answered",
                    "RPC/s",
                    rpcs.stream().map(Comparison::protocolName).toList(),
                    rpcs.stream().map(c -> c.bare("rpc_per_s")).toList(),
                    rpcs.stream().map(c -> c.hiveIot("rpc_per_s")).toList()));
            final List<String> names = new ArrayList<>();
            final List<Double> bare = new ArrayList<>();
            final List<Double> hiveIot = new ArrayList<>();
            for (final Comparison c : rpcs) {
                for (final String percentile : List.of("p50", "p99", "p999")) {
                    names.add(percentile.replace("p999", "p99.9") + " " + c.protocolName());
                    bare.add(c.bare("rtt_" + percentile + "_ms"));
                    hiveIot.add(c.hiveIot("rtt_" + percentile + "_ms"));
                }
            }
            charts.add(chart("RPC: round-trip latency", "ms", names, bare, hiveIot));
        }
        final List<Comparison> firmware = comparisons.stream()
                .filter(c -> c.scenario().equals("firmware"))
                .toList();
        if (!firmware.isEmpty()) {
            charts.add(chart(
                    "Firmware download: MiB/s received by all devices",
                    "MiB/s",
                    firmware.stream().map(Comparison::protocolName).toList(),
                    firmware.stream().map(c -> c.bare("mb_per_s")).toList(),
                    firmware.stream().map(c -> c.hiveIot("mb_per_s")).toList()));
            final List<String> names = new ArrayList<>();
            final List<Double> bare = new ArrayList<>();
            final List<Double> hiveIot = new ArrayList<>();
            for (final Comparison c : firmware) {
                for (final String kind : List.of("peak", "after")) {
                    names.add((kind.equals("peak") ? "peak used " : "live after ") + c.protocolName());
                    bare.add(c.bare("heap_" + kind + "_bytes") / 1024 / 1024);
                    hiveIot.add(c.hiveIot("heap_" + kind + "_bytes") / 1024 / 1024);
                }
            }
            charts.add(chart("Firmware download: broker heap", "MiB", names, bare, hiveIot));
        }
        final List<Comparison> restarts =
                comparisons.stream().filter(c -> c.scenario().equals("restart")).toList();
        if (!restarts.isEmpty()) {
            final List<String> names = new ArrayList<>();
            final List<Double> bare = new ArrayList<>();
            final List<Double> hiveIot = new ArrayList<>();
            for (final Comparison c : restarts) {
                for (final String share : List.of("50", "99", "100")) {
                    names.add(share + "% " + (c.protocol().equals("5") ? "v5" : "v3.1.1"));
                    bare.add(c.bare("time_to_" + share + "_s"));
                    hiveIot.add(c.hiveIot("time_to_" + share + "_s"));
                }
            }
            charts.add(chart("Restart storm: devices serving again after the port opened", "s", names, bare, hiveIot));
            charts.add(chart(
                    "Restart storm: broker CPU until the last device was back",
                    "s CPU",
                    restarts.stream().map(Comparison::protocolName).toList(),
                    restarts.stream().map(c -> c.bare("broker_cpu_s")).toList(),
                    restarts.stream().map(c -> c.hiveIot("broker_cpu_s")).toList()));
        }
        if (charts.isEmpty()) {
            return false;
        }
        try {
            // XChart fills the whole grid: 2 columns for an even count, one row of 3, else one column.
            final int columns = charts.size() % 2 == 0 ? 2 : charts.size() == 3 ? 3 : 1;
            final int rows = charts.size() / columns;
            BitmapEncoder.saveBitmap(charts, rows, columns, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return true;
    }

    private static CategoryChart chart(
            final String title,
            final String unit,
            final List<String> categories,
            final List<Double> bare,
            final List<Double> hiveIot) {
        final CategoryChart chart = new CategoryChartBuilder()
                .width(640)
                .height(420)
                .title(title)
                .yAxisTitle(unit)
                .build();
        final var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLabelsVisible(true);
        styler.setLabelsFontColorAutomaticEnabled(false);
        styler.setLabelsFontColor(Color.BLACK);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisMin(0.0);
        styler.setSeriesColors(new Color[] {BARE, HIVE_IOT});
        styler.setYAxisDecimalPattern("#,##0.##");
        chart.addSeries("bare HiveMQ CE", categories, known(bare));
        chart.addSeries("hive-iot", categories, known(hiveIot));
        return chart;
    }

    /** XChart cannot draw NaN; a missing figure is drawn as 0 and shown as n/a in the table. */
    private static List<Double> known(final List<Double> values) {
        return values.stream().map(value -> Double.isNaN(value) ? 0.0 : value).toList();
    }
}
