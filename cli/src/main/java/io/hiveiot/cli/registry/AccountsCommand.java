package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Accounts (tenants); only an administrative account such as demo may manage them. */
@Command(
        name = "accounts",
        description = "Accounts (tenants): create, list, update, delete, rotate-secret. "
                + "Needs an administrative account such as demo.",
        footer = {"", "Example:", "  hive-iot accounts create acme"})
public final class AccountsCommand extends CommandGroup {

    @Command(
            name = "create",
            description = "Create an account; its application secret is printed this once.",
            footer = {"", "Example:", "  hive-iot accounts create acme"})
    int create(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "ID", description = "Account id: [a-z0-9-]{1,32}, not `default`.") final String id,
            @Option(names = "--admin", description = "Make it administrative.") final boolean admin,
            @Option(
                            names = "--topic-space",
                            paramLabel = "SPACE",
                            defaultValue = "account",
                            description =
                                    "account (its devices' free topics are accounts/ID/...) or root (every topic "
                                            + "outside the platform's namespaces; one account at most). Default ${DEFAULT-VALUE}.")
                    final String topicSpace) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY,
                    "account.create",
                    Json.object().put("id", id).put("admin", admin).put("topicSpace", topicSpace));
            output.result(result, json -> printSecret(output, json));
        });
    }

    @Command(
            name = "list",
            description = "List the accounts.",
            footer = {"", "Example:", "  hive-iot accounts list"})
    int list(@Mixin final CommonOptions options) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.REGISTRY, "account.list", Json.object());
            output.result(result, json -> {
                final Table table = new Table("ID", "ADMIN", "ENABLED", "TOPIC SPACE", "DEVICES");
                json.path("accounts")
                        .forEach(account -> table.row(
                                account.path("id"),
                                account.path("admin"),
                                account.path("enabled"),
                                account.path("topicSpace"),
                                account.path("devices")));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "update",
            description = "Change an account's topic space. Its devices are disconnected and "
                    + "reconnect with the new permissions.",
            footer = {
                "",
                "Example (a single-account installation whose devices use topics of their own choosing):",
                "  hive-iot accounts update demo --topic-space root"
            })
    int update(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "ID", description = "Account id.") final String id,
            @Option(
                            names = "--topic-space",
                            paramLabel = "SPACE",
                            required = true,
                            description = "account (accounts/ID/...) or root (every topic outside the platform's "
                                    + "namespaces).")
                    final String topicSpace) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY,
                    "account.update",
                    Json.object().put("id", id).put("topicSpace", topicSpace));
            output.result(
                    result,
                    json -> output.line("account " + id + " has the "
                            + json.path("topicSpace").asText() + " topic space; "
                            + json.path("reconnected").asInt() + " device connection(s) "
                            + "closed to take it"));
        });
    }

    @Command(
            name = "delete",
            description = "Delete an account with all its devices (their connections are closed).",
            footer = {"", "Example:", "  hive-iot accounts delete acme"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "ID", description = "Account id.") final String id) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.REGISTRY, "account.delete", Json.object().put("id", id));
            output.result(
                    result,
                    json -> output.line("deleted account " + id + " and its "
                            + json.path("devices").asInt() + " device(s)"));
        });
    }

    @Command(
            name = "rotate-secret",
            description = "Give an account a new application secret, printed this once; "
                    + "connected applications keep their sessions until they reconnect.",
            footer = {"", "Example:", "  hive-iot accounts rotate-secret acme"})
    int rotateSecret(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "ID", description = "Account id.") final String id) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY, "account.rotate-secret", Json.object().put("id", id));
            output.result(result, json -> printSecret(output, json));
        });
    }

    private static void printSecret(final Output output, final JsonNode account) {
        output.fields(
                "account",
                account.path("id"),
                "app id",
                account.path("appId"),
                "app secret",
                account.path("appSecret"));
        output.notice("The app secret is shown only now. Use it with HIVE_IOT_APP_ID="
                + account.path("appId").asText() + " HIVE_IOT_APP_SECRET=<secret> hive-iot ...");
    }
}
