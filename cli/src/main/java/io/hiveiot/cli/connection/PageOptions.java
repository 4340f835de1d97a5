package io.hiveiot.cli.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.output.Output;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --limit}, {@code --cursor} and {@code --all} of a paginated op (long answers come
 * in pages so that each stays under the client's maximum packet size).
 */
public final class PageOptions {

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most N entries per page (the service's default otherwise).")
    Integer limit;

    @Option(
            names = "--cursor",
            paramLabel = "CURSOR",
            description = "Continue after the page that printed this cursor.")
    String cursor;

    @Option(names = "--all", description = "Fetch every page, not only the first.")
    boolean all;

    /**
     * Calls the op once, or with --all until no cursor comes back, and returns the last result with the
     * {@code items} arrays of all pages joined. Without --all a remaining cursor is noted on stderr.
     */
    public ObjectNode fetch(
            final ApiSession api,
            final Service service,
            final String op,
            final ObjectNode args,
            final String items,
            final Output output) {
        return fetch(api, service.topicName(), op, args, items, output, api.timeout());
    }

    public ObjectNode fetch(
            final ApiSession api,
            final String service,
            final String op,
            final ObjectNode args,
            final String items,
            final Output output,
            final Duration wait) {
        if (limit != null) {
            args.put("limit", limit);
        }
        String next = cursor;
        ArrayNode joined = null;
        while (true) {
            if (next != null) {
                args.put("cursor", next);
            }
            final JsonNode page = api.call(service, op, args, wait);
            if (!(page instanceof ObjectNode result)) {
                throw new ServiceError(service, op, "internal", "the answer is not an object: " + page);
            }
            if (joined == null) {
                joined = result.withArray(items);
            } else {
                joined.addAll(result.withArray(items));
            }
            next = result.path("cursor").isTextual() ? result.get("cursor").asText() : null;
            if (next == null || !all) {
                result.set(items, joined);
                if (next != null && !output.json()) {
                    output.notice("(more: run again with --cursor " + next + ", or with --all)");
                }
                return result;
            }
        }
    }
}
