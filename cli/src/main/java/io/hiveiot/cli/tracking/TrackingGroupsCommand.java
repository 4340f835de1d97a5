package io.hiveiot.cli.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** Device groups of a family ({family}/{group}/{version}/{type} fan-out): create, list, add, remove, delete. */
@Command(
        name = "groups",
        description = "Device groups of a family: create, list, add, remove, delete.",
        footer = {"", "Example:", "  hive-iot tracking groups create foxtrackr fleet-north 12345 12346"})
public final class TrackingGroupsCommand extends CommandGroup {

    @Command(
            name = "create",
            description = "Create a group in a family, optionally with devices.",
            footer = {"", "Example:", "  hive-iot tracking groups create foxtrackr fleet-north 12345 12346"})
    int create(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "FAMILY", description = "Family.") final String family,
            @Parameters(index = "1", paramLabel = "GROUP", description = "Group name.") final String group,
            @Parameters(index = "2..*", paramLabel = "DEVICE", description = "Device names (topic level).")
                    final List<String> devices) {
        return change(options, "group.create", family, group, devices);
    }

    @Command(
            name = "list",
            description = "List a family's groups with their devices.",
            footer = {"", "Example:", "  hive-iot tracking groups list foxtrackr"})
    int list(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "FAMILY", description = "Family.") final String family) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.TRACKING, "group.list", Json.object().put("family", family));
            output.result(result, json -> {
                final Table table = new Table("GROUP", "DEVICES");
                json.path("groups").forEach(item -> table.row(item.path("group"), join(item.path("devices"))));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "add",
            description = "Add devices to a group.",
            footer = {"", "Example:", "  hive-iot tracking groups add foxtrackr fleet-north 12347"})
    int add(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "FAMILY", description = "Family.") final String family,
            @Parameters(index = "1", paramLabel = "GROUP", description = "Group name.") final String group,
            @Parameters(index = "2..*", arity = "1..*", paramLabel = "DEVICE", description = "Device names.")
                    final List<String> devices) {
        return change(options, "group.add", family, group, devices);
    }

    @Command(
            name = "remove",
            description = "Remove devices from a group.",
            footer = {"", "Example:", "  hive-iot tracking groups remove foxtrackr fleet-north 12347"})
    int remove(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "FAMILY", description = "Family.") final String family,
            @Parameters(index = "1", paramLabel = "GROUP", description = "Group name.") final String group,
            @Parameters(index = "2..*", arity = "1..*", paramLabel = "DEVICE", description = "Device names.")
                    final List<String> devices) {
        return change(options, "group.remove", family, group, devices);
    }

    @Command(
            name = "delete",
            description = "Delete a group.",
            footer = {"", "Example:", "  hive-iot tracking groups delete foxtrackr fleet-north"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "FAMILY", description = "Family.") final String family,
            @Parameters(index = "1", paramLabel = "GROUP", description = "Group name.") final String group) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.TRACKING,
                    "group.delete",
                    Json.object().put("family", family).put("group", group));
            output.result(result, json -> output.line("deleted group " + group + " of family " + family));
        });
    }

    private int change(
            final CommonOptions options,
            final String op,
            final String family,
            final String group,
            final List<String> devices) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("family", family).put("group", group);
            if (devices != null && !devices.isEmpty()) {
                devices.forEach(args.putArray("devices")::add);
            }
            final JsonNode result = api.call(Service.TRACKING, op, args);
            output.result(result, json -> printGroup(output, json));
        });
    }

    private static void printGroup(final Output output, final JsonNode group) {
        output.fields(
                "family", group.path("family"), "group", group.path("group"), "devices", join(group.path("devices")));
    }

    static String join(final JsonNode array) {
        final StringBuilder text = new StringBuilder();
        array.forEach(item -> text.append(text.length() == 0 ? "" : " ").append(item.asText()));
        return text.toString();
    }
}
