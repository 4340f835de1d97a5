package io.hiveiot.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Device profiles (ThingsBoard's MQTT device profile): payload type, topic filters, .proto schemas and provisioning
 * settings; a device gets its profile at its next connect.
 */
@Command(
        name = "device-profiles",
        description = "Device profiles: payload type (JSON or PROTOBUF with .proto "
                + "schemas), custom topic filters, provisioning: create, update, list, delete.",
        footer = {
            "",
            "Example:",
            "  hive-iot device-profiles create meters --payload-type PROTOBUF "
                    + "--telemetry-proto meter.proto --attributes-proto meter-config.proto"
        })
public final class DeviceProfilesCommand extends CommandGroup {

    /** The settings both create and update take; what is left out stays as it was (or the default). */
    static final class Settings {

        enum PayloadType {
            JSON,
            PROTOBUF
        }

        enum Strategy {
            ALLOW_CREATE_NEW_DEVICES,
            CHECK_PRE_PROVISIONED_DEVICES
        }

        @Option(names = "--payload-type", paramLabel = "TYPE", description = "${COMPLETION-CANDIDATES} (default JSON).")
        PayloadType payloadType;

        @Option(
                names = "--telemetry-topic",
                paramLabel = "FILTER",
                description = "Topic filter telemetry arrives on (default v1/devices/me/telemetry).")
        String telemetryTopic;

        @Option(
                names = "--attributes-topic",
                paramLabel = "FILTER",
                description = "Topic filter client attributes arrive on (default v1/devices/me/attributes).")
        String attributesTopic;

        @Option(
                names = "--attributes-subscribe-topic",
                paramLabel = "FILTER",
                description = "Filter a device subscribes to for shared-attribute pushes "
                        + "(default v1/devices/me/attributes).")
        String attributesSubscribeTopic;

        @Option(names = "--telemetry-proto", paramLabel = "FILE", description = "proto3 schema of telemetry.")
        Path telemetryProto;

        @Option(names = "--attributes-proto", paramLabel = "FILE", description = "proto3 schema of attributes.")
        Path attributesProto;

        @Option(
                names = "--rpc-request-proto",
                paramLabel = "FILE",
                description = "proto3 schema of server-side RPC requests.")
        Path rpcRequestProto;

        @Option(
                names = "--rpc-response-proto",
                paramLabel = "FILE",
                description = "proto3 schema of the devices' RPC responses.")
        Path rpcResponseProto;

        @Option(
                names = "--provision-key",
                paramLabel = "KEY",
                description = "Provisioning: the key devices present (generated with --provision-secret alone).")
        String provisionKey;

        @Option(
                names = "--provision-secret",
                paramLabel = "SECRET",
                description = "Provisioning: the secret (generated with --provision-key alone).")
        String provisionSecret;

        @Option(
                names = "--provision-strategy",
                paramLabel = "STRATEGY",
                description = "Provisioning: ${COMPLETION-CANDIDATES} (default ALLOW_CREATE_NEW_DEVICES).")
        Strategy provisionStrategy;

        ObjectNode into(final ObjectNode args) {
            if (payloadType != null) {
                args.put("payloadType", payloadType.name());
            }
            putIfSet(args, "telemetryTopic", telemetryTopic);
            putIfSet(args, "attributesTopic", attributesTopic);
            putIfSet(args, "attributesSubscribeTopic", attributesSubscribeTopic);
            putFile(args, "telemetryProto", telemetryProto);
            putFile(args, "attributesProto", attributesProto);
            putFile(args, "rpcRequestProto", rpcRequestProto);
            putFile(args, "rpcResponseProto", rpcResponseProto);
            if (provisionKey != null || provisionSecret != null || provisionStrategy != null) {
                final ObjectNode provisioning = args.putObject("provisioning");
                putIfSet(provisioning, "key", provisionKey);
                putIfSet(provisioning, "secret", provisionSecret);
                if (provisionStrategy != null) {
                    provisioning.put("strategy", provisionStrategy.name());
                }
            }
            return args;
        }

        private static void putIfSet(final ObjectNode args, final String name, final String value) {
            if (value != null) {
                args.put(name, value);
            }
        }

        private static void putFile(final ObjectNode args, final String name, final Path file) {
            if (file == null) {
                return;
            }
            try {
                args.put(name, Files.readString(file, StandardCharsets.UTF_8));
            } catch (final IOException e) {
                throw new UsageProblem("cannot read " + file + ": " + e.getMessage(), "give a readable .proto file");
            }
        }
    }

    @Command(
            name = "create",
            description = "Create a device profile of the account; a provisioning secret is " + "printed this once.",
            footer = {"", "Example:", "  hive-iot device-profiles create meters --telemetry-topic 'meters/+/data'"})
    int create(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "NAME", description = "Profile name.") final String name,
            @Mixin final Settings settings) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.REGISTRY,
                    "profile.create",
                    settings.into(Json.object().put("name", name)));
            output.result(result, json -> print(output, json));
        });
    }

    @Command(
            name = "update",
            description = "Change a device profile; its devices get the change at their next " + "connect.",
            footer = {"", "Example:", "  hive-iot device-profiles update meters --payload-type JSON"})
    int update(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "NAME", description = "Profile name.") final String name,
            @Option(names = "--new-name", paramLabel = "NAME", description = "Rename the profile.")
                    final String newName,
            @Mixin final Settings settings) {
        return run(options, (api, output) -> {
            final ObjectNode args = settings.into(Json.object().put("name", name));
            if (newName != null) {
                args.put("newName", newName);
            }
            final JsonNode result = api.call(Service.REGISTRY, "profile.update", args);
            output.result(result, json -> print(output, json));
        });
    }

    @Command(
            name = "list",
            description = "List the account's device profiles.",
            footer = {"", "Example:", "  hive-iot device-profiles list"})
    int list(@Mixin final CommonOptions options) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.REGISTRY, "profile.list", Json.object());
            output.result(result, json -> {
                final Table table =
                        new Table("NAME", "PAYLOAD", "TELEMETRY TOPIC", "ATTRIBUTES TOPIC", "PROVISION KEY", "DEVICES");
                json.path("profiles")
                        .forEach(profile -> table.row(
                                profile.path("name"),
                                profile.path("payloadType"),
                                profile.path("telemetryTopic"),
                                profile.path("attributesTopic"),
                                profile.path("provisioning").path("key"),
                                profile.path("devices")));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "delete",
            description = "Delete a device profile that no device uses, with its provisioning.",
            footer = {"", "Example:", "  hive-iot device-profiles delete meters"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "NAME", description = "Profile name.") final String name) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.REGISTRY, "profile.delete", Json.object().put("name", name));
            output.result(result, json -> output.line("deleted device profile " + name));
        });
    }

    private static void print(final Output output, final JsonNode profile) {
        output.fields(
                "profile",
                profile.path("name"),
                "payload type",
                profile.path("payloadType"),
                "telemetry topic",
                profile.path("telemetryTopic"),
                "attributes topic",
                profile.path("attributesTopic"),
                "attributes subscribe topic",
                profile.path("attributesSubscribeTopic"),
                "provision key",
                profile.path("provisioning").path("key"));
        if (profile.path("provisioning").has("secret")) {
            output.fields("provision secret", profile.path("provisioning").path("secret"));
            output.notice("The provision secret is shown only now.");
        }
    }
}
