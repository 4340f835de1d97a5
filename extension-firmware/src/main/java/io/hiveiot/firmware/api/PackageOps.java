package io.hiveiot.firmware.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.firmware.chunk.PackageDeletions;
import io.hiveiot.firmware.pkg.ChecksumAlgorithm;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.firmware.pkg.UploadPiece;
import io.hiveiot.firmware.pkg.Uploads;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.Args;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@code package.*} ops of the firmware service. */
final class PackageOps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Uploads uploads;
    private final PackageStore packages;
    private final PackageDeletions deletions;

    PackageOps(final Uploads uploads, final PackageStore packages, final PackageDeletions deletions) {
        this.uploads = uploads;
        this.packages = packages;
        this.deletions = deletions;
    }

    CompletableFuture<JsonNode> upload(final ApiRequest request) {
        final Args args = request.args();
        final byte[] data;
        try {
            data = Base64.getDecoder().decode(args.optionalText("data").orElse(""));
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("args.data must be base64 (RFC 4648, with padding)");
        }
        final String algorithm = args.optionalText("checksumAlgorithm").orElse(ChecksumAlgorithm.DEFAULT.name());
        final var piece = new UploadPiece(
                request.account(),
                Names.type(args),
                Names.name(args, "title"),
                Names.name(args, "version"),
                args.optionalText("tag").filter(tag -> !tag.isEmpty()).map(tag -> Names.checkName(tag, "tag")),
                ChecksumAlgorithm.named(algorithm)
                        .orElseThrow(() -> ApiException.badRequest(
                                "args.checksumAlgorithm must be one of MD5, SHA256, SHA384, SHA512, CRC32, MURMUR3_32, "
                                        + "MURMUR3_128")),
                args.optionalText("checksum"),
                args.json().has("size")
                        ? Optional.of(args.longValue("size", 0, 1, uploads.maxPackageSize()))
                        : Optional.empty(),
                args.optionalText("contentType").orElse("application/octet-stream"),
                args.integer("offset", 0, 0, uploads.maxPackageSize()),
                data,
                args.bool("last", true));
        return uploads.upload(piece).thenApply(result -> {
            if (result.discarded().isPresent()) {
                throw ApiException.badRequest(result.discarded().get());
            }
            if (result.finished().isPresent()) {
                return packageJson(result.finished().get());
            }
            return JSON.createObjectNode().put("complete", false).put("received", result.received());
        });
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        final Args args = request.args();
        final int limit = args.integer("limit", 100, 1, 1000);
        final Optional<PackageType> type = args.optionalText("type").map(Names::type);
        return packages.list(request.account(), type, args.optionalText("cursor"), limit)
                .thenApply(page -> {
                    final ObjectNode result = JSON.createObjectNode();
                    final ArrayNode list = result.putArray("packages");
                    page.forEach(info -> list.add(packageJson(info)));
                    if (page.size() == limit) {
                        result.put("cursor", page.get(page.size() - 1).id());
                    }
                    return result;
                });
    }

    CompletableFuture<JsonNode> get(final ApiRequest request) {
        final Args args = request.args();
        final PackageType type = Names.type(args);
        final String title = Names.name(args, "title");
        final String version = Names.name(args, "version");
        return packages.find(request.account(), type, title, version)
                .thenApply(info -> packageJson(info.orElseThrow(() -> PackageStore.notFound(type, title, version))));
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        final Args args = request.args();
        return packages.delete(
                        request.account(), Names.type(args), Names.name(args, "title"), Names.name(args, "version"))
                .thenCompose(info -> deletions
                        .deleted(info.id())
                        .thenApply(told -> packageJson(info).put("deleted", true)));
    }

    static ObjectNode packageJson(final PackageInfo info) {
        final ObjectNode node = JSON.createObjectNode()
                .put("id", info.id())
                .put("type", info.type().name())
                .put("title", info.title())
                .put("version", info.version());
        info.tag().ifPresent(tag -> node.put("tag", tag));
        return node.put("checksumAlgorithm", info.algorithm().name())
                .put("checksum", info.checksum())
                .put("size", info.size())
                .put("contentType", info.contentType())
                .put("createdAt", info.createdAt());
    }
}
