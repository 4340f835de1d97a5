package io.hiveiot.cli.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.PageOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;
import io.hiveiot.cli.time.DurationText;
import io.hiveiot.cli.time.TimeRangeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;

/** A device's telemetry: the latest value per key, and the history of keys over a time range. */
@Command(
        name = "telemetry",
        description = "A device's telemetry: latest values, history over a time range.",
        footer = {"", "Example:", "  hive-iot telemetry latest thermostat-1"})
public final class TelemetryCommand extends CommandGroup {

    @Command(
            name = "latest",
            description = "Show the latest value of each key (all keys, or the KEYs).",
            footer = {"", "Example:", "  hive-iot telemetry latest thermostat-1 temperature humidity"})
    int latest(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1..*", paramLabel = "KEY", description = "Only these keys.") final List<String> keys) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            if (keys != null && !keys.isEmpty()) {
                keys.forEach(args.putArray("keys")::add);
            }
            final JsonNode result = api.call(Service.DEVICES, "telemetry.latest", args);
            output.result(result, json -> {
                final Table table = new Table("KEY", "VALUE", "TIME");
                json.path("values")
                        .properties()
                        .forEach(entry -> table.row(
                                entry.getKey(),
                                entry.getValue().path("value"),
                                Timestamps.format(entry.getValue().path("ts"))));
                if (table.isEmpty()) {
                    output.notice("no telemetry from " + device + " yet");
                }
                table.print(output.out());
            });
        });
    }

    /** ThingsBoard's aggregations of a history. */
    enum Aggregation {
        NONE,
        AVG,
        MIN,
        MAX,
        SUM,
        COUNT
    }

    @Command(
            name = "history",
            description = "Show the values of KEYs over a time range, newest first, or one "
                    + "aggregate per interval (--agg, --interval).",
            footer = {
                "",
                "Examples:",
                "  hive-iot telemetry history thermostat-1 temperature --since 1h",
                "  hive-iot telemetry history thermostat-1 temperature --from 2026-12-01T00:00:00Z "
                        + "--to 2026-12-02 --all",
                "  hive-iot telemetry history thermostat-1 temperature --since 1d --agg AVG --interval 1h"
            })
    int history(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Keys.")
                    final List<String> keys,
            @Mixin final TimeRangeOptions range,
            @Mixin final PageOptions pages,
            @Option(
                            names = "--agg",
                            paramLabel = "FUNCTION",
                            description = "Aggregate each interval: "
                                    + "${COMPLETION-CANDIDATES} (AVG, MIN, MAX, SUM of numbers; COUNT of all values).")
                    final Aggregation aggregation,
            @Option(
                            names = "--interval",
                            paramLabel = "DURATION",
                            converter = DurationText.class,
                            description = "The intervals of --agg, e.g. 1m, 1h, 1d; the entry of an interval is "
                                    + "stamped with its middle.")
                    final Duration interval) {
        final var clock = environment().clock();
        if (aggregation != null && aggregation != Aggregation.NONE && interval == null) {
            throw new UsageProblem("--agg " + aggregation + " needs --interval", "Add e.g. --interval 1h.");
        }
        if (interval != null && (aggregation == null || aggregation == Aggregation.NONE)) {
            throw new UsageProblem("--interval is only for --agg", "Add e.g. --agg AVG, or drop --interval.");
        }
        if (interval != null && interval.toMillis() < 1) {
            throw new UsageProblem("--interval must be at least 1ms", "Write it like 1m, 1h or 1d.");
        }
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            keys.forEach(args.putArray("keys")::add);
            range.from(clock).ifPresent(from -> args.put("from", from.toEpochMilli()));
            range.to(clock).ifPresent(to -> args.put("to", to.toEpochMilli()));
            if (interval != null) {
                args.put("agg", aggregation.name()).put("interval", interval.toMillis());
            }
            final JsonNode result = pages.fetch(api, Service.DEVICES, "telemetry.history", args, "entries", output);
            output.result(result, json -> {
                final Table table = new Table("TIME", "KEY", "VALUE");
                json.path("entries")
                        .forEach(entry ->
                                table.row(Timestamps.format(entry.path("ts")), entry.path("key"), entry.path("value")));
                table.print(output.out());
            });
        });
    }
}
