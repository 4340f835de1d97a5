package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.telemetry.Aggregation;
import io.hiveiot.deviceapi.telemetry.HistoryCursor;
import io.hiveiot.deviceapi.telemetry.HistoryPage;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code telemetry.latest} and {@code telemetry.history}. History pages are newest first and small by default, so
 * an answer stays under a client's maximum packet size; {@code cursor} continues where a page ended. With
 * {@code agg} (AVG, MIN, MAX, SUM, COUNT; NONE by default) and {@code interval} (ms) a history is aggregated per
 * interval, as ThingsBoard's REST API answers {@code agg} and {@code interval}.
 */
final class TelemetryOps {

    static final int DEFAULT_LIMIT = 100;

    private final TelemetryStore store;
    private final Clock clock;

    TelemetryOps(final TelemetryStore store, final Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    CompletableFuture<JsonNode> latest(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final Optional<Set<String>> keys =
                request.args().textList("keys", TelemetryStore.MAX_HISTORY_KEYS).map(LinkedHashSet::new);
        return store.latest(device.deviceId(), keys).thenApply(latest -> {
            final ObjectNode result = StoredJson.objectNode().put("device", device.device());
            final ObjectNode values = result.putObject("values");
            latest.forEach((key, value) ->
                    values.putObject(key).put("ts", value.ts()).set("value", StoredJson.value(value.value())));
            return result;
        });
    }

    CompletableFuture<JsonNode> history(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final var args = request.args();
        final Set<String> keys = new LinkedHashSet<>(args.textList("keys", TelemetryStore.MAX_HISTORY_KEYS)
                .orElseThrow(() -> ApiException.badRequest("args.keys is required: the telemetry keys to read")));
        final TimeRange range = TimeRange.of(args, clock);
        final int limit = args.integer("limit", DEFAULT_LIMIT, 1, TelemetryStore.MAX_LIMIT);
        final Optional<HistoryCursor> after = args.optionalText("cursor").map(TelemetryOps::cursor);
        final Aggregation aggregation =
                args.optionalText("agg").map(TelemetryOps::aggregation).orElse(Aggregation.NONE);
        final long interval = aggregation == Aggregation.NONE ? 0 : args.longValue("interval", 0, 1, Long.MAX_VALUE);
        if (aggregation != Aggregation.NONE && interval == 0) {
            throw ApiException.badRequest("args.interval is required with args.agg: the interval in ms");
        }
        final CompletableFuture<HistoryPage> history;
        try {
            history = store.history(
                    device.deviceId(), keys, range.from(), range.to(), limit, after, aggregation, interval);
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return history.thenApply(page -> {
            final ObjectNode result = StoredJson.objectNode().put("device", device.device());
            final ArrayNode entries = result.putArray("entries");
            page.entries()
                    .forEach(entry -> entries.addObject()
                            .put("key", entry.key())
                            .put("ts", entry.ts())
                            .set("value", StoredJson.value(entry.value())));
            page.next().ifPresent(next -> result.put("cursor", next.encode()));
            return result;
        });
    }

    private static Aggregation aggregation(final String text) {
        try {
            return Aggregation.valueOf(text);
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("args.agg must be one of NONE, AVG, MIN, MAX, SUM, COUNT");
        }
    }

    private static HistoryCursor cursor(final String text) {
        try {
            return HistoryCursor.decode(text);
        } catch (final IllegalArgumentException e) {
            throw ApiException.badRequest("args.cursor is not a cursor of a previous page");
        }
    }
}
