package io.hiveiot.cli.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.PageOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.output.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Firmware and software packages (hive-iot-firmware): upload, list, assign to devices, follow the rollout. */
@Command(
        name = "firmware",
        description = "Firmware packages: upload (progress and checksum shown), list, get, "
                + "delete, assign to a device, unassign, rollout status.",
        footer = {"", "Example:", "  hive-iot firmware upload thermostat-2.1.bin --title thermostat --version 2.1"})
public final class FirmwareCommand extends CommandGroup {

    enum Type {
        FIRMWARE,
        SOFTWARE
    }

    @Command(
            name = "upload",
            description = "Upload a package in chunks, with a progress bar on a terminal; its "
                    + "checksum is computed here, verified by the service and shown.",
            footer = {
                "",
                "Example:",
                "  hive-iot firmware upload thermostat-2.1.bin --title thermostat --version 2.1 " + "--algorithm SHA256"
            })
    int upload(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "FILE", description = "The package file.") final Path file,
            @Option(
                            names = "--title",
                            required = true,
                            paramLabel = "TITLE",
                            description = "Package title " + "(fw_title).")
                    final String title,
            @Option(
                            names = "--version",
                            required = true,
                            paramLabel = "VERSION",
                            description = "Package version " + "(fw_version).")
                    final String version,
            @Option(
                            names = "--type",
                            paramLabel = "TYPE",
                            defaultValue = "FIRMWARE",
                            description = "FIRMWARE (fw_*) or SOFTWARE (sw_*); default ${DEFAULT-VALUE}.")
                    final Type type,
            @Option(names = "--tag", paramLabel = "TAG", description = "Optional tag.") final String tag,
            @Option(
                            names = "--algorithm",
                            paramLabel = "ALGORITHM",
                            defaultValue = "SHA256",
                            description = "Checksum: ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}.")
                    final Checksum algorithm,
            @Option(
                            names = "--content-type",
                            paramLabel = "TYPE",
                            defaultValue = "application/octet-stream",
                            description = "Content type (default ${DEFAULT-VALUE}).")
                    final String contentType,
            @Option(
                            names = "--chunk-size",
                            paramLabel = "BYTES",
                            defaultValue = "65536",
                            description = "Bytes per request (default ${DEFAULT-VALUE}).")
                    final int chunkSize,
            @Option(
                            names = "--progress",
                            negatable = true,
                            description = "Show the progress bar (default: only on a terminal).")
                    final Boolean progress) {
        final byte[] bytes = read(file);
        final Optional<String> checksum = algorithm.of(bytes);
        return run(options, (api, output) -> {
            final ObjectNode description = Json.object()
                    .put("title", title)
                    .put("version", version)
                    .put("type", type.name())
                    .put("checksumAlgorithm", algorithm.name())
                    .put("size", bytes.length)
                    .put("contentType", contentType);
            if (tag != null) {
                description.put("tag", tag);
            }
            checksum.ifPresent(sum -> description.put("checksum", sum));
            final boolean showProgress = progress != null ? progress : System.console() != null && !output.json();
            final JsonNode stored = new PackageUpload(api, description, Math.max(1024, chunkSize))
                    .send(bytes, new ProgressBar(output.err(), bytes.length, showProgress));
            output.result(stored, json -> {
                PackageView.print(output, json);
                output.notice(
                        checksum.isPresent()
                                ? "checksum verified by the service"
                                : "checksum computed by the service (" + algorithm + " is not computed locally)");
            });
        });
    }

    @Command(
            name = "list",
            description = "List the account's packages.",
            footer = {"", "Example:", "  hive-iot firmware list --type FIRMWARE"})
    int list(
            @Mixin final CommonOptions options,
            @Mixin final PageOptions pages,
            @Option(names = "--type", paramLabel = "TYPE", description = "Only FIRMWARE or SOFTWARE.")
                    final Type type) {
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object();
            if (type != null) {
                args.put("type", type.name());
            }
            final JsonNode result = pages.fetch(api, Service.FIRMWARE, "package.list", args, "packages", output);
            output.result(result, json -> {
                final Table table = new Table("TYPE", "TITLE", "VERSION", "SIZE", "CHECKSUM", "CREATED");
                json.path("packages")
                        .forEach(pkg -> table.row(
                                pkg.path("type"),
                                pkg.path("title"),
                                pkg.path("version"),
                                pkg.path("size"),
                                pkg.path("checksumAlgorithm").asText() + ":"
                                        + pkg.path("checksum").asText(),
                                Timestamps.format(pkg.path("createdAt"))));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "get",
            description = "Show a package.",
            footer = {"", "Example:", "  hive-iot firmware get thermostat 2.1"})
    int get(@Mixin final CommonOptions options, @Mixin final PackageRef ref) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.FIRMWARE, "package.get", ref.toJson());
            output.result(result, json -> PackageView.print(output, json));
        });
    }

    @Command(
            name = "delete",
            description = "Delete a package (refused while a device has it assigned).",
            footer = {"", "Example:", "  hive-iot firmware delete thermostat 2.0"})
    int delete(@Mixin final CommonOptions options, @Mixin final PackageRef ref) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.FIRMWARE, "package.delete", ref.toJson());
            output.result(
                    result,
                    json -> output.line("deleted package " + json.path("title").asText() + " "
                            + json.path("version").asText()));
        });
    }

    @Command(
            name = "assign",
            description = "Assign a package to a device; a connected device gets the fw_* "
                    + "attributes pushed and starts its update.",
            footer = {"", "Example:", "  hive-iot firmware assign thermostat-1 thermostat 2.1"})
    int assign(
            @Mixin final CommonOptions options,
            @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.") final String device,
            @Parameters(index = "1", paramLabel = "TITLE", description = "Package title.") final String title,
            @Parameters(index = "2", paramLabel = "VERSION", description = "Package version.") final String version,
            @Option(
                            names = "--type",
                            paramLabel = "TYPE",
                            defaultValue = "FIRMWARE",
                            description = "FIRMWARE or SOFTWARE; default ${DEFAULT-VALUE}.")
                    final Type type) {
        return run(options, (api, output) -> {
            final ObjectNode args = PackageRef.json(type, title, version).put("device", device);
            final JsonNode result = api.call(Service.FIRMWARE, "assign", args);
            output.result(
                    result,
                    json -> output.line(
                            "assigned " + json.path("package").path("title").asText()
                                    + " " + json.path("package").path("version").asText() + " to " + device
                                    + "; follow it with: hive-iot firmware status " + device));
        });
    }

    @Command(
            name = "unassign",
            description = "Remove a device's package assignment.",
            footer = {"", "Example:", "  hive-iot firmware unassign thermostat-1"})
    int unassign(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "DEVICE", description = "Device name.") final String device,
            @Option(
                            names = "--type",
                            paramLabel = "TYPE",
                            defaultValue = "FIRMWARE",
                            description = "FIRMWARE or SOFTWARE; default ${DEFAULT-VALUE}.")
                    final Type type) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(
                    Service.FIRMWARE,
                    "unassign",
                    Json.object().put("device", device).put("type", type.name()));
            output.result(
                    result,
                    json -> output.line("unassigned "
                            + json.path("unassigned").path("title").asText() + " "
                            + json.path("unassigned").path("version").asText() + " from " + device));
        });
    }

    @Command(
            name = "status",
            description = "Rollout status: of one device (DEVICE), of one package (--title and "
                    + "--version: devices per fw_state), or of every assigned package.",
            footer = {
                "",
                "Examples:",
                "  hive-iot firmware status",
                "  hive-iot firmware status thermostat-1",
                "  hive-iot firmware status --title thermostat --version 2.1"
            })
    int status(
            @Mixin final CommonOptions options,
            @Parameters(arity = "0..1", paramLabel = "DEVICE", description = "One device's rollout.")
                    final String device,
            @Option(names = "--title", paramLabel = "TITLE", description = "One package's rollout (with --version).")
                    final String title,
            @Option(names = "--version", paramLabel = "VERSION", description = "One package's rollout (with --title).")
                    final String version,
            @Option(names = "--type", paramLabel = "TYPE", description = "FIRMWARE or SOFTWARE.") final Type type) {
        if ((title == null) != (version == null)) {
            throw new UsageProblem("--title and --version go together", "Give both to name one package, or neither.");
        }
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object();
            if (device != null) {
                args.put("device", device);
            }
            if (title != null) {
                args.put("title", title).put("version", version);
            }
            if (type != null) {
                args.put("type", type.name());
            }
            final JsonNode result = api.call(Service.FIRMWARE, "status", args);
            output.result(result, json -> RolloutView.print(output, json));
        });
    }

    private static byte[] read(final Path file) {
        try {
            final byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new UsageProblem(file + " is empty", "Give the package file itself.");
            }
            return bytes;
        } catch (final IOException e) {
            throw new UsageProblem(
                    "cannot read " + file + ": " + e.getMessage(), "Give the path of a readable package file.", e);
        }
    }
}
