package io.hiveiot.cli.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.HiveIotCommand;
import io.hiveiot.cli.connection.ApiSession;
import io.hiveiot.cli.connection.ConnectionSettings;
import io.hiveiot.cli.exit.ExitCodes;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Any op of any service, for what has no command of its own (yet): the result is printed as JSON. */
@Command(
        name = "call",
        description =
                "Send any op to any service (registry, devices, firmware, tracking) and " + "print the result as JSON.",
        footer = {
            "",
            "Examples:",
            "  hive-iot call registry device.list '{\"limit\":5}'",
            "  hive-iot call devices telemetry.latest '{\"device\":\"thermostat-1\"}'"
        })
public final class CallCommand extends HiveIotCommand {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "registry, devices, firmware or tracking.")
    String service;

    @Parameters(index = "1", paramLabel = "OP", description = "The op, e.g. device.list.")
    String op;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "ARGS",
            description = "The op's args as a JSON object " + "(default {}).")
    String args;

    @Override
    public Integer call() {
        final JsonNode parsed = args == null ? Json.object() : Json.parse(args, "ARGS");
        if (!(parsed instanceof ObjectNode object)) {
            throw new UsageProblem("ARGS must be a JSON object", "Write it like '{\"device\":\"thermostat-1\"}'.");
        }
        final Output output =
                new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), true);
        final ConnectionSettings settings = ConnectionSettings.resolve(options.connection(), environment());
        try (ApiSession api = ApiSession.open(settings)) {
            output.printJson(api.call(service, op, object, api.timeout()));
        }
        return ExitCodes.OK;
    }
}
