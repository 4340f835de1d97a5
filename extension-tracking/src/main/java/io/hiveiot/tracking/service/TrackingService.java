package io.hiveiot.tracking.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.Args;
import io.hiveiot.kit.api.OpTable;
import io.hiveiot.tracking.tracker.PositionHistory;
import io.hiveiot.tracking.tracker.Reported;
import io.hiveiot.tracking.tracker.Tracker;
import io.hiveiot.tracking.tracker.TrackerDocument;
import io.hiveiot.tracking.tracker.TrackerKeys;
import io.hiveiot.tracking.tracker.TrackerRegistry;
import io.hiveiot.tracking.tracker.TrackerSettings;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code tracking} service: an account's tracking devices, their keys, settings and
 * position history, and its group topic families. Arguments and results are described in
 * {@code api/tracking.schema.json}. A key appears in a result only when that very op made it.
 */
public final class TrackingService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackerRegistry trackers;
    private final PositionHistory history;

    private TrackingService(final TrackerRegistry trackers, final PositionHistory history) {
        this.trackers = trackers;
        this.history = history;
    }

    public static OpTable create(final TrackerRegistry trackers, final PositionHistory history, final GroupOps groups) {
        final var service = new TrackingService(trackers, history);
        return groups.bind(OpTable.of("tracking", TrackingService.class.getClassLoader())
                        .op("device.create", service::create)
                        .op("device.list", service::list)
                        .op("device.get", service::get)
                        .op("device.update", service::update)
                        .op("device.delete", service::delete)
                        .op("key.rotate", service::rotateKey)
                        .op("history", service::history))
                .build();
    }

    private CompletableFuture<JsonNode> create(final ApiRequest request) {
        final Args args = request.args();
        final String uid = TrackerArgs.chosenUid(args)
                .orElseGet(() -> TrackerKeys.generate().substring(0, 16));
        final String key = TrackerArgs.chosenKey(args).orElseGet(TrackerKeys::generate);
        final String name = TrackerArgs.text(args, "name").orElse(uid);
        final String type = TrackerArgs.text(args, "type").orElse("");
        final TrackerSettings settings = TrackerArgs.settings(args, request.topicSpace());
        return trackers.create(request.account(), uid, TrackerKeys.hash(key), name, type, settings)
                .thenApply(created -> device(created).put("key", key));
    }

    private CompletableFuture<JsonNode> list(final ApiRequest request) {
        final int limit = request.args().integer("limit", 100, 1, 1000);
        final Optional<String> cursor = request.args().optionalText("cursor");
        return trackers.list(request.account(), cursor, limit).thenApply(page -> {
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("devices");
            page.forEach(tracker -> list.add(device(tracker)));
            if (page.size() == limit) {
                result.put("cursor", page.get(page.size() - 1).uid());
            }
            return result;
        });
    }

    private CompletableFuture<JsonNode> get(final ApiRequest request) {
        return trackers.get(request.account(), TrackerArgs.uid(request.args())).thenApply(TrackingService::device);
    }

    private CompletableFuture<JsonNode> update(final ApiRequest request) {
        final TrackerSettings settings = TrackerArgs.settings(request.args(), request.topicSpace());
        return trackers.change(request.account(), TrackerArgs.uid(request.args()), settings)
                .thenApply(TrackingService::device);
    }

    private CompletableFuture<JsonNode> delete(final ApiRequest request) {
        return trackers.delete(request.account(), TrackerArgs.uid(request.args()))
                .thenApply(deleted ->
                        JSON.createObjectNode().put("uid", deleted.uid()).put("deleted", true));
    }

    private CompletableFuture<JsonNode> rotateKey(final ApiRequest request) {
        final String key = TrackerArgs.chosenKey(request.args()).orElseGet(TrackerKeys::generate);
        return trackers.replaceKey(request.account(), TrackerArgs.uid(request.args()), TrackerKeys.hash(key))
                .thenApply(tracker ->
                        JSON.createObjectNode().put("uid", tracker.uid()).put("key", key));
    }

    private CompletableFuture<JsonNode> history(final ApiRequest request) {
        final Args args = request.args();
        final long from = epochMillis(args, "from", 0);
        final long to = epochMillis(args, "to", Long.MAX_VALUE);
        final int limit = args.integer("limit", 100, 1, 1000);
        final Optional<Long> cursor = args.optionalText("cursor").map(TrackingService::cursor);
        return history.read(request.account(), TrackerArgs.uid(args), from, to, cursor, limit)
                .thenApply(rows -> {
                    final ObjectNode result = JSON.createObjectNode();
                    final ArrayNode positions = result.putArray("positions");
                    for (final PositionHistory.Position row : rows) {
                        final ObjectNode position = positions.addObject().put("ts", row.ts());
                        values(position, row.reported());
                    }
                    if (rows.size() == limit) {
                        result.put(
                                "cursor",
                                Long.toString(rows.get(rows.size() - 1).id()));
                    }
                    return result;
                });
    }

    private static long epochMillis(final Args args, final String name, final long defaultValue) {
        final JsonNode value = args.json().get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw ApiException.badRequest("args." + name + " must be epoch milliseconds");
        }
        return value.asLong();
    }

    private static long cursor(final String text) {
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw ApiException.badRequest("args.cursor must be a cursor from a previous page");
        }
    }

    static ObjectNode device(final Tracker tracker) {
        final ObjectNode node = JSON.createObjectNode()
                .put("uid", tracker.uid())
                .put("name", tracker.name())
                .put("type", tracker.type());
        final ObjectNode units = node.putObject("units");
        for (int i = 0; i < Reported.DATA_FIELDS; i++) {
            units.put("data" + (i + 1), tracker.unit(i));
        }
        final ObjectNode publish = node.putObject("publish").put("enabled", tracker.publishEnabled());
        tracker.publishTopic().ifPresentOrElse(topic -> publish.put("topic", topic), () -> publish.putNull("topic"));
        node.put("connected", tracker.connected());
        tracker.lastSeen().ifPresentOrElse(seen -> node.put("lastSeen", seen), () -> node.putNull("lastSeen"));
        node.put("createdAt", tracker.createdAt());
        node.set("document", TrackerDocument.tree(tracker));
        return node;
    }

    private static void values(final ObjectNode node, final Reported reported) {
        node.set("longitude", TrackerDocument.literal(reported.longitude()));
        node.set("latitude", TrackerDocument.literal(reported.latitude()));
        for (int i = 0; i < Reported.DATA_FIELDS; i++) {
            node.set("data" + (i + 1), TrackerDocument.literal(reported.data(i)));
        }
    }
}
