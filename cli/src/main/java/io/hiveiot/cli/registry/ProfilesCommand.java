package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Provision profiles: the key and secret with which new devices provision themselves (ThingsBoard). */
@Command(
        name = "profiles",
        aliases = "provision-profiles",
        description = "Provision profiles (ThingsBoard device provisioning): create, list, delete.",
        footer = {"", "Example:", "  hive-iot profiles create --strategy CHECK_PRE_PROVISIONED_DEVICES"})
public final class ProfilesCommand extends CommandGroup {

    enum Strategy {
        ALLOW_CREATE_NEW_DEVICES,
        CHECK_PRE_PROVISIONED_DEVICES
    }

    @Command(
            name = "create",
            description = "Create a provision profile of the account; key and secret are "
                    + "generated unless given, and the secret is printed this once.",
            footer = {"", "Example:", "  hive-iot profiles create --key factory-line-1"})
    int create(
            @Mixin final CommonOptions options,
            @Option(names = "--key", paramLabel = "KEY", description = "Provision key (default: generated).")
                    final String key,
            @Option(names = "--secret", paramLabel = "SECRET", description = "Provision secret (default: generated).")
                    final String secret,
            @Option(
                            names = "--strategy",
                            paramLabel = "STRATEGY",
                            defaultValue = "ALLOW_CREATE_NEW_DEVICES",
                            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
                    final Strategy strategy) {
        return run(options, (api, output) -> {
            final var args = Json.object().put("strategy", strategy.name());
            if (key != null) {
                args.put("key", key);
            }
            if (secret != null) {
                args.put("secret", secret);
            }
            final JsonNode result = api.call(Service.REGISTRY, "provision-profile.create", args);
            output.result(result, json -> {
                output.fields(
                        "key",
                        json.path("key"),
                        "secret",
                        json.path("secret"),
                        "strategy",
                        json.path("strategy"),
                        "account",
                        json.path("account"));
                output.notice("The secret is shown only now: devices send provisionDeviceKey and "
                        + "provisionDeviceSecret to /provision/request.");
            });
        });
    }

    @Command(
            name = "list",
            description = "List the account's provision profiles (secrets are never shown).",
            footer = {"", "Example:", "  hive-iot profiles list"})
    int list(@Mixin final CommonOptions options) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.REGISTRY, "provision-profile.list", Json.object());
            output.result(result, json -> {
                final Table table = new Table("KEY", "STRATEGY", "SOURCE");
                json.path("profiles")
                        .forEach(profile ->
                                table.row(profile.path("key"), profile.path("strategy"), profile.path("source")));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "delete",
            description = "Delete a provision profile made here (profiles of config.xml are " + "removed there).",
            footer = {"", "Example:", "  hive-iot profiles delete factory-line-1"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "KEY", description = "Provision key.") final String key) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY, "provision-profile.delete", Json.object().put("key", key));
            output.result(result, json -> output.line("deleted provision profile " + key));
        });
    }
}
