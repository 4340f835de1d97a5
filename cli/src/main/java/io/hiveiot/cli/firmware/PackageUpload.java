package io.hiveiot.cli.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.connection.ApiSession;
import io.hiveiot.cli.connection.Service;

import java.util.Arrays;
import java.util.Base64;

/**
 * Sends a package in pieces ({@code package.upload} with {@code offset} and {@code last}), each small
 * enough for the broker's maximum packet size once base64-encoded, and returns the stored package.
 */
final class PackageUpload {

    private final ApiSession api;
    private final ObjectNode description;
    private final int chunkSize;

    /** @param description the package's title, version, type, checksum and size, sent with every piece */
    PackageUpload(final ApiSession api, final ObjectNode description, final int chunkSize) {
        this.api = api;
        this.description = description;
        this.chunkSize = chunkSize;
    }

    JsonNode send(final byte[] bytes, final ProgressBar progress) {
        int offset = 0;
        JsonNode result;
        do {
            final int end = Math.min(bytes.length, offset + chunkSize);
            final ObjectNode args = description
                    .deepCopy()
                    .put("offset", offset)
                    .put("last", end == bytes.length)
                    .put("data", Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, offset, end)));
            result = api.call(Service.FIRMWARE, "package.upload", args);
            // The service says where the next piece starts; trusting it keeps a retried piece in step.
            offset = result.path("complete").asBoolean(true)
                    ? end
                    : result.path("received").asInt(end);
            progress.update(offset);
        } while (offset < bytes.length);
        progress.finish();
        return result;
    }
}
