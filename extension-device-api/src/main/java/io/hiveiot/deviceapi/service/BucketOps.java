package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.bucket.BucketExport;
import io.hiveiot.deviceapi.bucket.BucketRecord;
import io.hiveiot.deviceapi.bucket.Buckets;
import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.Args;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Buckets of the requester's account: {@code bucket.list}, {@code bucket.create}, {@code bucket.update},
 * {@code bucket.delete} (with its records) and {@code bucket.export} (CSV or JSON, paginated). Buckets of config.xml
 * are listed and exported, never changed here.
 */
final class BucketOps {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_DESCRIPTION = 1024;

    private final Buckets buckets;
    private final Clock clock;
    private final Duration defaultRetention;
    private final int deleteBatchSize;

    /**
     * @param defaultRetention how long the records of a bucket that names no retention are kept
     * @param deleteBatchSize  records one write of {@code bucket.delete} deletes at most
     */
    BucketOps(final Buckets buckets, final Clock clock, final Duration defaultRetention, final int deleteBatchSize) {
        this.buckets = buckets;
        this.clock = clock;
        this.defaultRetention = defaultRetention;
        this.deleteBatchSize = deleteBatchSize;
    }

    CompletableFuture<JsonNode> list(final ApiRequest request) {
        final ObjectNode result = StoredJson.objectNode();
        final ArrayNode list = result.putArray("buckets");
        buckets.ofAccount(request.account()).forEach(bucket -> list.add(describe(bucket)));
        return CompletableFuture.completedFuture(result);
    }

    CompletableFuture<JsonNode> create(final ApiRequest request) {
        final Args args = request.args();
        final String name = args.text("bucket");
        if (!Bucket.NAME.matcher(name).matches()) {
            throw ApiException.badRequest("args.bucket is 1 to 64 of A-Z a-z 0-9 _ . -");
        }
        final Bucket bucket = new Bucket(
                name,
                request.account(),
                filter(request, args.text("topicFilter")),
                args.bool("enabled", true),
                retention(args),
                description(args).orElse(""),
                false);
        return buckets.create(bucket).thenApply(BucketOps::describe);
    }

    CompletableFuture<JsonNode> update(final ApiRequest request) {
        final Args args = request.args();
        final Bucket bucket = changeable(request);
        final TopicFilter filter = args.optionalText("topicFilter")
                .map(text -> filter(request, text))
                .orElse(bucket.filter());
        final Optional<Duration> retention = args.json().has("retention") ? retention(args) : bucket.maxAge();
        final Bucket changed = new Bucket(
                bucket.name(),
                bucket.account(),
                filter,
                args.bool("enabled", bucket.enabled()),
                retention,
                description(args).orElse(bucket.description()),
                false);
        return buckets.update(changed).thenApply(BucketOps::describe);
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        final Bucket bucket = changeable(request);
        return buckets.delete(bucket, deleteBatchSize)
                .thenApply(records -> StoredJson.objectNode()
                        .put("bucket", bucket.name())
                        .put("deleted", true)
                        .put("records", records));
    }

    CompletableFuture<JsonNode> export(final ApiRequest request) {
        final var args = request.args();
        final Bucket bucket = find(request);
        final String format = args.optionalText("format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiException.badRequest("args.format must be \"json\" or \"csv\"");
        }
        final TimeRange range = TimeRange.of(args, clock);
        final int limit = args.integer("limit", DEFAULT_LIMIT, 1, 10_000);
        final Optional<BucketRecord> after = args.optionalText("cursor")
                .map(BucketExport::decodeCursor)
                .map(cursor -> cursor.orElseThrow(
                        () -> ApiException.badRequest("args.cursor is not a cursor of a previous page")));
        return buckets.store()
                .read(bucket.name(), range.from(), range.to(), after, limit)
                .thenApply(records -> {
                    final ObjectNode result = StoredJson.objectNode()
                            .put("bucket", bucket.name())
                            .put("format", format)
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

    private Bucket find(final ApiRequest request) {
        final String name = request.args().text("bucket");
        return buckets.find(request.account(), name)
                .orElseThrow(() ->
                        ApiException.notFound("no bucket '" + name + "' in your account; bucket.list lists them"));
    }

    private Bucket changeable(final ApiRequest request) {
        final Bucket bucket = find(request);
        if (bucket.configured()) {
            throw new ApiException(
                    ApiException.FORBIDDEN,
                    "bucket '" + bucket.name() + "' is defined in the " + "extension's config.xml; change it there");
        }
        return bucket;
    }

    /** A filter inside the requester's topic space, as hive-iot-auth annotated its connection. */
    private static TopicFilter filter(final ApiRequest request, final String filter) {
        if (!TopicFilter.isValid(filter)) {
            throw ApiException.badRequest("args.topicFilter '" + filter + "' is not a valid MQTT topic filter");
        }
        request.topicSpace().filterProblem(filter).ifPresent(problem -> {
            throw ApiException.badRequest("args.topicFilter: " + problem);
        });
        return new TopicFilter(filter);
    }

    private static Optional<Duration> retention(final Args args) {
        return args.optionalText("retention").map(text -> {
            try {
                final Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    throw ApiException.badRequest("args.retention must be a positive duration");
                }
                return duration;
            } catch (final DateTimeParseException e) {
                throw ApiException.badRequest("args.retention is an ISO 8601 duration such as P90D or PT12H");
            }
        });
    }

    private static Optional<String> description(final Args args) {
        final Optional<String> description = args.optionalText("description");
        if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("args.description is at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    /** Whole days as days ({@code P90D}, as people write them), anything else as Java writes it ({@code PT12H}). */
    private static String iso(final Duration duration) {
        return duration.toSeconds() % 86_400 == 0 && duration.toNanosPart() == 0
                ? "P" + duration.toDays() + "D"
                : duration.toString();
    }

    private static ObjectNode describe(final Bucket bucket) {
        final ObjectNode node = StoredJson.objectNode()
                .put("name", bucket.name())
                .put("topicFilter", bucket.filter().filter())
                .put("enabled", bucket.enabled());
        bucket.maxAge().ifPresentOrElse(age -> node.put("retention", iso(age)), () -> node.putNull("retention"));
        return node.put("description", bucket.description()).put("source", bucket.configured() ? "config" : "service");
    }
}
