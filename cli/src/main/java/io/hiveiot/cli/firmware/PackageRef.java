package io.hiveiot.cli.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.output.Json;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A package named as {@code TITLE VERSION [--type SOFTWARE]}. */
final class PackageRef {

    @Parameters(index = "0", paramLabel = "TITLE", description = "Package title.")
    String title;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Package version.")
    String version;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            defaultValue = "FIRMWARE",
            description = "FIRMWARE or SOFTWARE; default ${DEFAULT-VALUE}.")
    FirmwareCommand.Type type;

    ObjectNode toJson() {
        return json(type, title, version);
    }

    static ObjectNode json(final FirmwareCommand.Type type, final String title, final String version) {
        return Json.object().put("type", type.name()).put("title", title).put("version", version);
    }
}
