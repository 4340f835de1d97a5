package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.bucket.BucketExport;
import io.hiveiot.deviceapi.bucket.BucketRecord;
import io.hiveiot.deviceapi.bucket.Buckets;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code bucket.list} and {@code bucket.export} (CSV or JSON, paginated), for the requester's account only. */
final class BucketOps {

    private static final int DEFAULT_LIMIT = 100;

    private final Buckets buckets;
    private final Clock clock;

    BucketOps(final Buckets buckets, final Clock clock) {
        this.buckets = buckets;
        this.clock = clock;
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        final ObjectNode result = StoredJson.objectNode();
        final ArrayNode list = result.putArray("buckets");
        buckets.ofAccount(request.account()).stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(bucket -> list.addObject().put("name", bucket.name())
                        .put("topicFilter", bucket.filter().filter()));
        return CompletableFuture.completedFuture(result);
    }

    CompletableFuture<JsonNode> export(final ApiRequest request) {
        final var args = request.args();
        final String name = args.text("bucket");
        final Bucket bucket = buckets.find(request.account(), name)
                .orElseThrow(() -> ApiException.notFound("no bucket '" + name + "' in your account; bucket.list"
                        + " lists them"));
        final String format = args.optionalText("format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiException.badRequest("args.format must be \"json\" or \"csv\"");
        }
        final TimeRange range = TimeRange.of(args, clock);
        final int limit = args.integer("limit", DEFAULT_LIMIT, 1, 10_000);
        final Optional<BucketRecord> after = args.optionalText("cursor").map(BucketExport::decodeCursor)
                .map(cursor -> cursor.orElseThrow(() -> ApiException.badRequest(
                        "args.cursor is not a cursor of a previous page")));
        return buckets.store().read(bucket.name(), range.from(), range.to(), after, limit).thenApply(records -> {
            final ObjectNode result = StoredJson.objectNode().put("bucket", bucket.name()).put("format", format)
                    .put("count", records.size());
            if (format.equals("csv")) {
                result.put("csv", BucketExport.csv(records));
            } else {
                result.set("records", BucketExport.json(records));
            }
            if (records.size() == limit) {
                result.put("cursor", BucketExport.cursor(records.get(records.size() - 1)));
            }
            return result;
        });
    }
}
