package io.hiveiot.cli.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.PageOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;
import io.hiveiot.cli.time.TimeRangeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** A device's telemetry: the latest value per key, and the history of keys over a time range. */
@Command(name = "telemetry", description = "A device's telemetry: latest values, history over a time range.",
        footer = {"", "Example:", "  hive-iot telemetry latest thermostat-1"})
public final class TelemetryCommand extends CommandGroup {

    @Command(name = "latest", description = "Show the latest value of each key (all keys, or the KEYs).",
            footer = {"", "Example:", "  hive-iot telemetry latest thermostat-1 temperature humidity"})
    int latest(@Mixin final CommonOptions options,
               @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
               @Parameters(index = "1..*", paramLabel = "KEY", description = "Only these keys.")
               final List<String> keys) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            if (keys != null && !keys.isEmpty()) {
                keys.forEach(args.putArray("keys")::add);
            }
            final JsonNode result = api.call(Service.DEVICES, "telemetry.latest", args);
            output.result(result, json -> {
                final Table table = new Table("KEY", "VALUE", "TIME");
                json.path("values").properties().forEach(entry -> table.row(entry.getKey(),
                        entry.getValue().path("value"), Timestamps.format(entry.getValue().path("ts"))));
                if (table.isEmpty()) {
                    output.notice("no telemetry from " + device + " yet");
                }
                table.print(output.out());
            });
        });
    }

    @Command(name = "history", description = "Show the values of KEYs over a time range, newest first.",
            footer = {"", "Examples:", "  hive-iot telemetry history thermostat-1 temperature --since 1h",
                    "  hive-iot telemetry history thermostat-1 temperature --from 2026-12-01T00:00:00Z "
                            + "--to 2026-12-02 --all"})
    int history(@Mixin final CommonOptions options,
                @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
                @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Keys.")
                final List<String> keys,
                @Mixin final TimeRangeOptions range,
                @Mixin final PageOptions pages) {
        final var clock = environment().clock();
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            keys.forEach(args.putArray("keys")::add);
            range.from(clock).ifPresent(from -> args.put("from", from.toEpochMilli()));
            range.to(clock).ifPresent(to -> args.put("to", to.toEpochMilli()));
            final JsonNode result = pages.fetch(api, Service.DEVICES, "telemetry.history", args, "entries", output);
            output.result(result, json -> {
                final Table table = new Table("TIME", "KEY", "VALUE");
                json.path("entries").forEach(entry -> table.row(Timestamps.format(entry.path("ts")),
                        entry.path("key"), entry.path("value")));
                table.print(output.out());
            });
        });
    }
}
