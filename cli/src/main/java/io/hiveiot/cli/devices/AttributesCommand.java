package io.hiveiot.cli.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** A device's attributes: read client and shared ones, write and delete shared ones (pushed to the device). */
@Command(
        name = "attributes",
        description = "A device's attributes: get (client and shared), set and delete "
                + "(shared; pushed to a connected device).",
        footer = {"", "Example:", "  hive-iot attributes set thermostat-1 target=22 mode=eco"})
public final class AttributesCommand extends CommandGroup {

    enum Scope {
        client,
        shared
    }

    @Command(
            name = "get",
            description = "Show a device's client and shared attributes (all, or the KEYs).",
            footer = {"", "Example:", "  hive-iot attributes get thermostat-1 --scope shared target"})
    int get(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1..*", paramLabel = "KEY", description = "Only these keys.") final List<String> keys,
            @Option(names = "--scope", paramLabel = "SCOPE", description = "Only client or shared attributes.")
                    final Scope scope) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            if (scope != null) {
                args.put("scope", scope.name());
            }
            if (keys != null && !keys.isEmpty()) {
                keys.forEach(args.putArray("keys")::add);
            }
            final JsonNode result = api.call(Service.DEVICES, "attributes.get", args);
            output.result(result, json -> {
                final Table table = new Table("SCOPE", "KEY", "VALUE");
                for (final String section : List.of("client", "shared")) {
                    json.path(section)
                            .properties()
                            .forEach(entry -> table.row(section, entry.getKey(), entry.getValue()));
                }
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "set",
            description =
                    "Set shared attributes, each KEY=VALUE (VALUE is JSON when it parses: "
                            + "22, true, \"22\", {\"a\":1}; else text), or one JSON object. Changed keys are pushed to the device.",
            footer = {
                "",
                "Examples:",
                "  hive-iot attributes set thermostat-1 target=22 mode=eco",
                "  hive-iot attributes set thermostat-1 '{\"schedule\":{\"mon\":[6,22]}}'"
            })
    int set(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "Attributes.")
                    final List<String> pairs) {
        final ObjectNode attributes = attributes(pairs);
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            args.set("attributes", attributes);
            final JsonNode result = api.call(Service.DEVICES, "attributes.set", args);
            output.result(
                    result,
                    json -> output.line("changed " + Json.compact(json.path("changed"))
                            + (json.path("pushed").asBoolean()
                                    ? ", pushed to the device"
                                    : ", device not listening: " + "it reads them with its next attribute request")));
        });
    }

    @Command(
            name = "delete",
            description = "Delete shared attributes; a connected device gets {\"deleted\":[..]}.",
            footer = {"", "Example:", "  hive-iot attributes delete thermostat-1 mode"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Keys to delete.")
                    final List<String> keys) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object().put("device", device);
            keys.forEach(args.putArray("keys")::add);
            final JsonNode result = api.call(Service.DEVICES, "attributes.delete", args);
            output.result(result, json -> output.line("deleted " + Json.compact(json.path("deleted"))));
        });
    }

    private static ObjectNode attributes(final List<String> pairs) {
        if (pairs.size() == 1 && pairs.get(0).trim().startsWith("{")) {
            final JsonNode object = Json.parse(pairs.get(0), "the attributes");
            if (object instanceof ObjectNode attributes) {
                return attributes;
            }
        }
        final ObjectNode attributes = Json.object();
        for (final String pair : pairs) {
            final int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageProblem(
                        "'" + pair + "' is not KEY=VALUE",
                        "Write each attribute as KEY=VALUE (target=22), or give one JSON object.");
            }
            attributes.set(pair.substring(0, equals), Json.value(pair.substring(equals + 1)));
        }
        return attributes;
    }
}
