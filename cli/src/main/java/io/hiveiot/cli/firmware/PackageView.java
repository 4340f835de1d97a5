package io.hiveiot.cli.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Timestamps;

/** One package as aligned fields, with its checksum in the service's form. */
final class PackageView {

    private PackageView() {}

    static void print(final Output output, final JsonNode pkg) {
        final long size = pkg.path("size").asLong();
        output.fields(
                "package",
                pkg.path("title").asText() + " " + pkg.path("version").asText(),
                "type",
                pkg.path("type"),
                "id",
                pkg.path("id"),
                "size",
                ProgressBar.size(size) + " (" + size + " bytes)",
                "checksum",
                pkg.path("checksumAlgorithm").asText() + " "
                        + pkg.path("checksum").asText(),
                "content type",
                pkg.path("contentType"),
                "created",
                Timestamps.format(pkg.path("createdAt")));
    }
}
