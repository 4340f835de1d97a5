package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.PageOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** The account's devices in the registry (hive-iot-auth): create, list, inspect, delete, claim. */
@Command(
        name = "devices",
        description = "Devices of the account: create (prints the token once), update, list, "
                + "get, status, delete, claim.",
        footer = {"", "Example:", "  hive-iot devices create thermostat-1"})
public final class DevicesCommand extends CommandGroup {

    @Command(
            name = "list",
            description = "List the account's devices.",
            footer = {"", "Example:", "  hive-iot devices list --all"})
    int list(@Mixin final CommonOptions options, @Mixin final PageOptions pages) {
        return run(options, (api, output) -> {
            final JsonNode result = pages.fetch(api, Service.REGISTRY, "device.list", Json.object(), "devices", output);
            output.result(result, json -> {
                final Table table = new Table("NAME", "ID", "ENABLED", "CREATED");
                json.path("devices")
                        .forEach(device -> table.row(
                                device.path("name"),
                                device.path("id"),
                                device.path("enabled"),
                                Timestamps.format(device.path("createdAt"))));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "create",
            description = "Create a device. Its access token (generated unless given) is "
                    + "printed this once: the registry keeps only a hash.",
            footer = {
                "",
                "Examples:",
                "  hive-iot devices create thermostat-1",
                "  hive-iot devices create pump-7 --username pump-7 --password 's3cret' --client-id pump-7"
            })
    int create(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "NAME", description = "Device name (no /, +, #).") final String name,
            @Option(
                            names = "--gateway",
                            description = "A gateway, which speaks for devices behind it on "
                                    + "v1/gateway/... (ThingsBoard's gateway API).")
                    final boolean gateway,
            @Option(
                            names = "--profile",
                            paramLabel = "PROFILE",
                            description = "Its device profile " + "(default: the default profile).")
                    final String profile,
            @Mixin final CredentialOptions credentials) {
        return run(options, (api, output) -> {
            final var args = Json.object().put("name", name);
            if (gateway) {
                args.put("gateway", true);
            }
            if (profile != null) {
                args.put("profile", profile);
            }
            credentials.toJson().ifPresent(json -> args.set("credentials", json));
            final JsonNode result = api.call(Service.REGISTRY, "device.create", args);
            output.result(
                    result,
                    json -> IssuedCredentials.print(
                            output,
                            name,
                            json.path("credentials"),
                            api.settings().host(),
                            api.settings().port(),
                            "device",
                            json.path("name"),
                            "id",
                            json.path("id")));
        });
    }

    @Command(
            name = "update",
            description =
                    "Change a device's gateway flag or profile; its connections get " + "them at their next connect.",
            footer = {
                "",
                "Examples:",
                "  hive-iot devices update pump-7 --profile meters",
                "  hive-iot devices update edge-1 --gateway true"
            })
    int update(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device,
            @Option(
                            names = "--gateway",
                            paramLabel = "true|false",
                            arity = "1",
                            description = "Whether it is a gateway.")
                    final Boolean gateway,
            @Option(
                            names = "--profile",
                            paramLabel = "PROFILE",
                            description = "Its device profile ('default' for the default profile).")
                    final String profile) {
        return run(options, (api, output) -> {
            final var args = Json.object().put("device", device);
            if (gateway != null) {
                args.put("gateway", gateway);
            }
            if (profile != null) {
                args.put("profile", profile);
            }
            final JsonNode result = api.call(Service.REGISTRY, "device.update", args);
            output.result(
                    result,
                    json -> output.fields(
                            "device",
                            json.path("name"),
                            "gateway",
                            json.path("gateway"),
                            "profile",
                            json.path("profile")));
        });
    }

    @Command(
            name = "get",
            description = "Show a device, its credentials (without secrets) and connection status.",
            footer = {"", "Example:", "  hive-iot devices get thermostat-1"})
    int get(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.REGISTRY, "device.get", Json.object().put("device", device));
            output.result(result, json -> {
                final List<Object> fields = new ArrayList<>(List.of(
                        "device",
                        json.path("name"),
                        "id",
                        json.path("id"),
                        "enabled",
                        json.path("enabled"),
                        "created",
                        Timestamps.format(json.path("createdAt")),
                        "gateway",
                        json.path("gateway"),
                        "profile",
                        json.path("profile")));
                if (json.has("parentGateway")) {
                    fields.addAll(List.of("parent gateway", json.path("parentGateway")));
                }
                fields.addAll(StatusView.fields(json.path("status")));
                output.fields(fields.toArray());
                final Table table = new Table("CREDENTIAL", "TYPE", "USERNAME", "CLIENT ID", "SESSIONS", "REVOKED");
                json.path("credentials")
                        .forEach(credential -> table.row(
                                credential.path("id"),
                                credential.path("type"),
                                credential.path("username"),
                                clientIdRule(credential),
                                credential.path("sessions"),
                                credential.has("revokedAt") ? Timestamps.format(credential.path("revokedAt")) : ""));
                output.line("");
                table.print(output.out());
            });
        });
    }

    /** The client ID rule as a person reads it: {@code thermostat-1}, or {@code /^id-given-[0-9]+$/} for a regex. */
    private static String clientIdRule(final JsonNode credential) {
        if (!credential.hasNonNull("clientId")) {
            return "";
        }
        final String clientId = credential.get("clientId").asText();
        return credential.path("clientIdRegex").asBoolean() ? "/" + clientId + "/" : clientId;
    }

    @Command(
            name = "status",
            description = "Show whether a device is connected, and since when.",
            footer = {"", "Example:", "  hive-iot devices status thermostat-1"})
    int status(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.REGISTRY, "status", Json.object().put("device", device));
            output.result(result, json -> {
                final List<Object> fields = new ArrayList<>(List.of("device", device));
                fields.addAll(StatusView.fields(json));
                output.fields(fields.toArray());
            });
        });
    }

    @Command(
            name = "delete",
            description = "Delete a device and close its connections (its data stays keyed "
                    + "by its id and is never inherited by a device created with the same name).",
            footer = {"", "Example:", "  hive-iot devices delete thermostat-1"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.REGISTRY, "device.delete", Json.object().put("device", device));
            output.result(
                    result,
                    json -> output.line("deleted device " + json.path("name").asText(device) + " ("
                            + json.path("id").asText() + ")"));
        });
    }

    @Command(
            name = "claim",
            description = "Claim a device of another account into this one: the device "
                    + "published v1/devices/me/claim with this secret, and the claim has not expired.",
            footer = {"", "Example:", "  hive-iot devices claim sensor-9 --secret 'abc123'"})
    int claim(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device,
            @Option(
                            names = "--secret",
                            paramLabel = "SECRET",
                            defaultValue = "",
                            description = "The claim's secretKey (empty if the device sent none).")
                    final String secret) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY,
                    "claim",
                    Json.object().put("device", device).put("secretKey", secret));
            output.result(
                    result,
                    json -> output.line("claimed device " + json.path("device").asText(device) + " ("
                            + json.path("deviceId").asText() + ") into account " + api.account()));
        });
    }

    /** Connection status fields shared by {@code get} and {@code status}. */
    static final class StatusView {

        private StatusView() {}

        static List<Object> fields(final JsonNode status) {
            return List.of(
                    "connected",
                    status.path("active").asBoolean() ? "yes" : "no",
                    "connections",
                    status.path("connections"),
                    "last connect",
                    time(status.path("lastConnectTime")),
                    "last disconnect",
                    time(status.path("lastDisconnectTime")),
                    "last activity",
                    time(status.path("lastActivityTime")));
        }

        private static String time(final JsonNode epochMillis) {
            return epochMillis.canConvertToLong() ? Timestamps.format(epochMillis) : "never";
        }
    }
}
