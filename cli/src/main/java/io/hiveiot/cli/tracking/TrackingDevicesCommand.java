package io.hiveiot.cli.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.PageOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** iotBind tracking devices (uid and key): create, list, get, update, delete, rotate the key. */
@Command(
        name = "devices",
        description = "Tracking devices (iotBind uid/key): create (prints the key once), list, "
                + "get, update, delete, rotate-key.",
        footer = {"", "Example:", "  hive-iot tracking devices create --uid truck-12 --name 'Truck 12'"})
public final class TrackingDevicesCommand extends CommandGroup {

    @Command(
            name = "create",
            description = "Create a tracking device; its key (generated unless given) is printed " + "this once.",
            footer = {
                "",
                "Example:",
                "  hive-iot tracking devices create --uid truck-12 " + "--name 'Truck 12' --unit data1=km/h"
            })
    int create(
            @Mixin final CommonOptions options,
            @Option(names = "--uid", paramLabel = "UID", description = "Unique id (default: generated).")
                    final String uid,
            @Option(names = "--key", paramLabel = "KEY", description = "API key, 8+ characters (default: generated).")
                    final String key,
            @Mixin final TrackerOptions settings) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object();
            if (uid != null) {
                args.put("uid", uid);
            }
            if (key != null) {
                args.put("key", key);
            }
            settings.addTo(args);
            final JsonNode result = api.call(Service.TRACKING, "device.create", args);
            output.result(result, json -> {
                output.fields("uid", json.path("uid"), "name", json.path("name"), "key", json.path("key"));
                output.notice("The key is shown only now: the tracker sends it with its uid in every message on "
                        + "iotbind/tracking/....");
            });
        });
    }

    @Command(
            name = "list",
            description = "List the account's tracking devices.",
            footer = {"", "Example:", "  hive-iot tracking devices list"})
    int list(@Mixin final CommonOptions options, @Mixin final PageOptions pages) {
        return run(options, (api, output) -> {
            final JsonNode result = pages.fetch(api, Service.TRACKING, "device.list", Json.object(), "devices", output);
            output.result(result, json -> {
                final Table table = new Table("UID", "NAME", "TYPE", "CONNECTED", "LAST SEEN", "LONGITUDE", "LATITUDE");
                json.path("devices")
                        .forEach(device -> table.row(
                                device.path("uid"),
                                device.path("name"),
                                device.path("type"),
                                device.path("connected"),
                                Timestamps.format(device.path("lastSeen")),
                                device.path("document").path("longitude"),
                                device.path("document").path("latitude")));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "get",
            description = "Show a tracking device and its current document.",
            footer = {"", "Example:", "  hive-iot tracking devices get truck-12"})
    int get(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "UID", description = "The device's uid.") final String uid) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.TRACKING, "device.get", Json.object().put("uid", uid));
            output.result(result, json -> printDevice(output, json));
        });
    }

    @Command(
            name = "update",
            description = "Change a tracking device's name, type, units or publishing.",
            footer = {
                "",
                "Example:",
                "  hive-iot tracking devices update truck-12 --publish " + "--publish-topic accounts/demo/trucks/12"
            })
    int update(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "UID", description = "The device's uid.") final String uid,
            @Mixin final TrackerOptions settings) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("uid", uid);
            settings.addTo(args);
            final JsonNode result = api.call(Service.TRACKING, "device.update", args);
            output.result(result, json -> printDevice(output, json));
        });
    }

    @Command(
            name = "delete",
            description = "Delete a tracking device and its position history.",
            footer = {"", "Example:", "  hive-iot tracking devices delete truck-12"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "UID", description = "The device's uid.") final String uid) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.TRACKING, "device.delete", Json.object().put("uid", uid));
            output.result(result, json -> output.line("deleted tracking device " + uid));
        });
    }

    @Command(
            name = "rotate-key",
            description = "Give a tracking device a new key (printed this once); the old one " + "stops working.",
            footer = {"", "Example:", "  hive-iot tracking devices rotate-key truck-12"})
    int rotateKey(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "UID", description = "The device's uid.") final String uid,
            @Option(names = "--key", paramLabel = "KEY", description = "The new key (default: generated).")
                    final String key) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("uid", uid);
            if (key != null) {
                args.put("key", key);
            }
            final JsonNode result = api.call(Service.TRACKING, "key.rotate", args);
            output.result(result, json -> {
                output.fields("uid", json.path("uid"), "key", json.path("key"));
                output.notice("The key is shown only now: configure it on the tracker.");
            });
        });
    }

    private static void printDevice(final Output output, final JsonNode device) {
        output.fields(
                "uid",
                device.path("uid"),
                "name",
                device.path("name"),
                "type",
                device.path("type"),
                "connected",
                device.path("connected"),
                "last seen",
                Timestamps.format(device.path("lastSeen")),
                "publish",
                device.path("publish"),
                "units",
                device.path("units"),
                "created",
                Timestamps.format(device.path("createdAt")),
                "document",
                device.path("document"));
    }
}
