package io.hiveiot.cli.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Families: the first topic level of a group layout such as foxtrackr/{device}/V3.0/{type}. */
@Command(
        name = "families",
        description = "Topic families of device groups: create, list, delete.",
        footer = {"", "Example:", "  hive-iot tracking families create foxtrackr"})
public final class TrackingFamiliesCommand extends CommandGroup {

    @Command(
            name = "create",
            description = "Create a family for this account (names are unique across accounts).",
            footer = {"", "Example:", "  hive-iot tracking families create foxtrackr"})
    int create(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "FAMILY", description = "1-64 of A-Z a-z 0-9 _ . -") final String family) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.TRACKING, "family.create", Json.object().put("family", family));
            output.result(
                    result,
                    json -> output.line("created family " + json.path("family").asText(family)));
        });
    }

    @Command(
            name = "list",
            description = "List the account's families with their groups.",
            footer = {"", "Example:", "  hive-iot tracking families list"})
    int list(@Mixin final CommonOptions options) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.TRACKING, "family.list", Json.object());
            output.result(result, json -> {
                final Table table = new Table("FAMILY", "SOURCE", "GROUPS");
                json.path("families")
                        .forEach(item -> table.row(
                                item.path("family"),
                                item.path("source"),
                                TrackingGroupsCommand.join(item.path("groups"))));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "delete",
            description = "Delete a family with its groups.",
            footer = {"", "Example:", "  hive-iot tracking families delete foxtrackr"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "FAMILY", description = "Family.") final String family) {
        return run(options, (api, output) -> {
            api.call(Service.TRACKING, "family.delete", Json.object().put("family", family));
            output.result(
                    Json.object().put("family", family).put("deleted", true),
                    json -> output.line("deleted family " + family));
        });
    }
}
