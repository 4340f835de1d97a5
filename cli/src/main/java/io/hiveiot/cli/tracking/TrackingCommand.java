package io.hiveiot.cli.tracking;

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

/** The tracking service (hive-iot-tracking): devices, position history, families and groups. */
@Command(
        name = "tracking",
        description = "Tracking (iotBind): devices and keys, position history, families " + "and groups.",
        subcommands = {TrackingDevicesCommand.class, TrackingFamiliesCommand.class, TrackingGroupsCommand.class},
        footer = {"", "Example:", "  hive-iot tracking history truck-12 --since 1d"})
public final class TrackingCommand extends CommandGroup {

    @Command(
            name = "history",
            description = "Show a tracking device's positions and data over a time range, " + "newest first.",
            footer = {"", "Example:", "  hive-iot tracking history truck-12 --since 1d --all"})
    int history(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "UID", description = "The device's uid.") final String uid,
            @Mixin final TimeRangeOptions range,
            @Mixin final PageOptions pages) {
        final var clock = environment().clock();
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("uid", uid);
            range.from(clock).ifPresent(from -> args.put("from", from.toEpochMilli()));
            range.to(clock).ifPresent(to -> args.put("to", to.toEpochMilli()));
            final JsonNode result = pages.fetch(api, Service.TRACKING, "history", args, "positions", output);
            output.result(result, json -> {
                final Table table = new Table("TIME", "LONGITUDE", "LATITUDE", "DATA1", "DATA2", "DATA3", "DATA4");
                json.path("positions")
                        .forEach(position -> table.row(
                                Timestamps.format(position.path("ts")),
                                position.path("longitude"),
                                position.path("latitude"),
                                position.path("data1"),
                                position.path("data2"),
                                position.path("data3"),
                                position.path("data4")));
                table.print(output.out());
            });
        });
    }
}
