package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.ApiSession;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A device's credentials: issue another, rotate its tokens, revoke. `devices get` lists them. */
@Command(
        name = "credentials",
        description = "A device's credentials: issue, rotate (new token, old ones revoked), "
                + "revoke. `hive-iot devices get DEVICE` lists them.",
        footer = {"", "Example:", "  hive-iot credentials rotate thermostat-1"})
public final class CredentialsCommand extends CommandGroup {

    @Command(
            name = "issue",
            description = "Issue another credential for a device (a token unless "
                    + "--username/--password are given); a token is printed this once.",
            footer = {
                "",
                "Examples:",
                "  hive-iot credentials issue thermostat-1",
                "  hive-iot credentials issue thermostat-1 --username th1 --password 's3cret'"
            })
    int issue(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device,
            @Mixin final CredentialOptions credentials) {
        return run(options, (api, output) -> {
            final var args = Json.object().put("device", device);
            args.set(
                    "credentials",
                    credentials.toJson().orElseGet(() -> Json.object().put("type", "ACCESS_TOKEN")));
            final JsonNode result = api.call(Service.REGISTRY, "credentials.issue", args);
            printIssued(api, output, device, result);
        });
    }

    @Command(
            name = "rotate",
            description = "Revoke every access token of a device and issue a new one (printed "
                    + "this once); the device's connections are closed.",
            footer = {"", "Example:", "  hive-iot credentials rotate thermostat-1"})
    int rotate(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY, "credentials.rotate", Json.object().put("device", device));
            printIssued(api, output, device, result);
        });
    }

    @Command(
            name = "revoke",
            description = "Revoke one credential of a device (--id, as `devices get` lists them) "
                    + "or all of them; the device's connections are closed.",
            footer = {"", "Example:", "  hive-iot credentials revoke thermostat-1 --id 42"})
    int revoke(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device,
            @Option(
                            names = "--id",
                            paramLabel = "CREDENTIAL_ID",
                            description = "Only this credential (default: all of the device's).")
                    final String id) {
        return run(options, (api, output) -> {
            final var args = Json.object().put("device", device);
            if (id != null) {
                args.put("credentialId", id);
            }
            final JsonNode result = api.call(Service.REGISTRY, "credentials.revoke", args);
            output.result(
                    result,
                    json -> output.line("revoked " + json.path("revoked").asInt() + " credential(s) of " + device));
        });
    }

    /** The credential a call issued, printed this once, with how the device connects. */
    private static void printIssued(
            final ApiSession api, final Output output, final String device, final JsonNode result) {
        output.result(
                result,
                json -> IssuedCredentials.print(
                        output,
                        device,
                        json,
                        api.settings().host(),
                        api.settings().port()));
    }
}
