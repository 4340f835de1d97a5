package io.hiveiot.cli.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.CommandGroup;
import io.hiveiot.cli.CommonOptions;
import io.hiveiot.cli.connection.Service;
import io.hiveiot.cli.exit.UsageProblem;
import io.hiveiot.cli.output.Json;
import io.hiveiot.cli.output.Output;
import io.hiveiot.cli.output.Table;
import io.hiveiot.cli.time.TimeRangeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data buckets (Thinger.io): the account's buckets, made and changed here (or configured in hive-iot-device-api's
 * config.xml, read-only), and their records exported to a file.
 */
@Command(
        name = "buckets",
        description = "Data buckets: create, list, update, delete them, export their records as " + "CSV or JSON.",
        footer = {
            "",
            "Examples:",
            "  hive-iot buckets create greenhouse accounts/demo/greenhouse/#",
            "  hive-iot buckets export greenhouse --since 1d -o greenhouse.csv"
        })
public final class BucketsCommand extends CommandGroup {

    enum Format {
        csv,
        json
    }

    @Command(
            name = "list",
            description = "List the account's buckets.",
            footer = {"", "Example:", "  hive-iot buckets list"})
    int list(@Mixin final CommonOptions options) {
        return run(options, (api, output) -> {
            final JsonNode result = api.call(Service.DEVICES, "bucket.list", Json.object());
            output.result(result, json -> {
                final Table table =
                        new Table("BUCKET", "TOPIC FILTER", "ENABLED", "RETENTION", "SOURCE", "DESCRIPTION");
                json.path("buckets")
                        .forEach(bucket -> table.row(
                                bucket.path("name"),
                                bucket.path("topicFilter"),
                                bucket.path("enabled"),
                                bucket.path("retention").isNull()
                                        ? "default"
                                        : bucket.path("retention").asText(),
                                bucket.path("source"),
                                bucket.path("description")));
                table.print(output.out());
            });
        });
    }

    @Command(
            name = "create",
            description = "Create a bucket: from now on every message the account's devices "
                    + "publish on the topic filter is recorded (devices already connected included).",
            footer = {
                "",
                "Examples:",
                "  hive-iot buckets create greenhouse 'accounts/demo/greenhouse/#' "
                        + "--description 'temperature and humidity'",
                "  hive-iot buckets create weather 'weather/#' --retention P90D   (an account with the root "
                        + "topic space)"
            })
    int create(
            @Mixin final CommonOptions options,
            @Parameters(
                            index = "0",
                            paramLabel = "BUCKET",
                            description = "Bucket name: 1 to 64 of A-Z a-z 0-9 " + "_ . - (unique across accounts).")
                    final String bucket,
            @Parameters(
                            index = "1",
                            paramLabel = "TOPIC_FILTER",
                            description = "MQTT topic filter inside the " + "account's topic space.")
                    final String topicFilter,
            @Mixin final BucketSettings settings) {
        return run(options, (api, output) -> {
            final ObjectNode args =
                    settings.apply(Json.object().put("bucket", bucket).put("topicFilter", topicFilter));
            output.result(api.call(Service.DEVICES, "bucket.create", args), json -> printBucket(output, json));
        });
    }

    @Command(
            name = "update",
            description = "Change a bucket's topic filter, state, retention or description; the "
                    + "recorders of connected devices follow at once.",
            footer = {
                "",
                "Examples:",
                "  hive-iot buckets update greenhouse --disabled",
                "  hive-iot buckets update greenhouse --topic-filter 'accounts/demo/greenhouse/+/t' "
                        + "--retention default"
            })
    int update(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "BUCKET", description = "Bucket name.") final String bucket,
            @Option(names = "--topic-filter", paramLabel = "FILTER", description = "A new topic filter.")
                    final String topicFilter,
            @Mixin final BucketSettings settings) {
        return run(options, (api, output) -> {
            final ObjectNode args = settings.apply(Json.object().put("bucket", bucket));
            if (topicFilter != null) {
                args.put("topicFilter", topicFilter);
            }
            output.result(api.call(Service.DEVICES, "bucket.update", args), json -> printBucket(output, json));
        });
    }

    @Command(
            name = "delete",
            description = "Delete a bucket and all its records.",
            footer = {"", "Example:", "  hive-iot buckets delete greenhouse"})
    int delete(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "BUCKET", description = "Bucket name.") final String bucket) {
        return run(options, (api, output) -> {
            final JsonNode result =
                    api.call(Service.DEVICES, "bucket.delete", Json.object().put("bucket", bucket));
            output.result(
                    result,
                    json -> output.line("deleted bucket " + bucket + " and its "
                            + json.path("records").asLong() + " record(s)"));
        });
    }

    /** What {@code create} and {@code update} may set besides the filter. */
    static final class BucketSettings {

        @Option(names = "--disabled", description = "Stop recording (the records stay).")
        boolean disabled;

        @Option(names = "--enabled", description = "Record again.")
        boolean enabled;

        @Option(
                names = "--retention",
                paramLabel = "DURATION",
                description = "How long records are kept, as ISO 8601 (P90D, PT12H), or `default` for the "
                        + "configured retention/bucket-max-age.")
        String retention;

        @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
        String description;

        ObjectNode apply(final ObjectNode args) {
            if (disabled && enabled) {
                throw new UsageProblem("--enabled and --disabled exclude each other", "Give one of them.");
            }
            if (disabled || enabled) {
                args.put("enabled", enabled);
            }
            if ("default".equals(retention)) {
                args.putNull("retention");
            } else if (retention != null) {
                args.put("retention", retention);
            }
            if (description != null) {
                args.put("description", description);
            }
            return args;
        }
    }

    private static void printBucket(final Output output, final JsonNode bucket) {
        output.fields(
                "bucket",
                bucket.path("name"),
                "topic filter",
                bucket.path("topicFilter"),
                "enabled",
                bucket.path("enabled"),
                "retention",
                bucket.path("retention").isNull()
                        ? "default"
                        : bucket.path("retention").asText(),
                "description",
                bucket.path("description"));
    }

    @Command(
            name = "export",
            description = "Export a bucket's records of a time range, oldest first, every page, "
                    + "to a file (-o) or stdout: CSV (ts,topic,encoding,payload) or a JSON array of records.",
            footer = {
                "",
                "Examples:",
                "  hive-iot buckets export greenhouse --since 1d -o greenhouse.csv",
                "  hive-iot buckets export greenhouse --format json --from 2026-12-01 --to 2026-12-02 " + "-o dec1.json"
            })
    int export(
            @Mixin final CommonOptions options,
            @Parameters(paramLabel = "BUCKET", description = "Bucket name.") final String bucket,
            @Option(
                            names = "--format",
                            paramLabel = "FORMAT",
                            defaultValue = "csv",
                            description = "csv or json (default ${DEFAULT-VALUE}).")
                    final Format format,
            @Option(
                            names = {"-o", "--output"},
                            paramLabel = "FILE",
                            description = "Write to FILE (default stdout).")
                    final Path file,
            @Option(
                            names = "--page-size",
                            paramLabel = "N",
                            defaultValue = "1000",
                            description = "Records per request (default ${DEFAULT-VALUE}, at most 10000).")
                    final int pageSize,
            @Mixin final TimeRangeOptions range) {
        final var clock = environment().clock();
        return run(options, (api, output) -> {
            final ObjectNode args = Json.object()
                    .put("bucket", bucket)
                    .put("format", format.name())
                    .put("limit", pageSize);
            range.from(clock).ifPresent(from -> args.put("from", from.toEpochMilli()));
            // A fixed end: records arriving during a long export must not move the range.
            args.put("to", range.to(clock).orElse(clock.instant()).toEpochMilli());
            final StringBuilder csv = new StringBuilder();
            final ArrayNode records = Json.mapper().createArrayNode();
            String cursor = null;
            do {
                if (cursor != null) {
                    args.put("cursor", cursor);
                }
                final JsonNode page = api.call(Service.DEVICES, "bucket.export", args);
                if (format == Format.csv) {
                    appendCsv(csv, page.path("csv").asText());
                } else {
                    records.addAll((ArrayNode) page.withArray("records"));
                }
                cursor = page.path("cursor").isTextual() ? page.get("cursor").asText() : null;
            } while (cursor != null);
            final String text = format == Format.csv ? csv.toString() : Json.pretty(records) + "\n";
            final int count =
                    format == Format.csv ? Math.max(0, csv.toString().split("\r\n", -1).length - 2) : records.size();
            if (file == null) {
                output.out().print(text);
                output.out().flush();
            } else {
                write(file, text);
                output.notice("exported " + count + " record(s) of bucket " + bucket + " to " + file);
            }
        });
    }

    /** Every page carries the header line; the file gets it once. */
    private static void appendCsv(final StringBuilder csv, final String page) {
        if (csv.length() == 0) {
            csv.append(page);
            return;
        }
        final int headerEnd = page.indexOf("\r\n");
        csv.append(headerEnd < 0 ? "" : page.substring(headerEnd + 2));
    }

    private static void write(final Path file, final String text) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(text);
        } catch (final IOException e) {
            throw new UsageProblem(
                    "cannot write " + file + ": " + e.getMessage(),
                    "Choose a file in a folder that exists and that you may write to.",
                    e);
        }
    }
}
