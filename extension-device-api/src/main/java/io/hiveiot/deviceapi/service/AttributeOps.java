package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.device.DeviceEvents;
import io.hiveiot.deviceapi.downlink.Downlinks;
import io.hiveiot.deviceapi.payload.AttributesParser;
import io.hiveiot.deviceapi.payload.BadPayloadException;
import io.hiveiot.deviceapi.payload.KeySelection;
import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceRoute;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code attributes.set}, {@code attributes.delete} and {@code attributes.get}. Shared attributes are stored by
 * device id either way and pushed to a connected device that subscribed to its push topic (a sub-device's gateway
 * to {@code v1/gateway/attributes}), as ThingsBoard pushes them: the changed keys only, a deletion as
 * {@code {"deleted":[..]}}. The {@code fw_*} and
 * {@code sw_*} keys belong to hive-iot-firmware, which owns assignments, so applications cannot write them here.
 */
final class AttributeOps {

    private static final int MAX_KEYS = 1_000;

    private final AttributeStore store;
    private final AttributesParser parser;
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    private final DeviceRoutes routes;
    private final Downlinks downlinks;
    private final DeviceEvents events;
    private final AtTheDevice atTheDevice;

    AttributeOps(
            final AttributeStore store,
            final AttributesParser parser,
            final DeviceRoutes routes,
            final Downlinks downlinks,
            final DeviceEvents events,
            final AtTheDevice atTheDevice) {
        this.store = store;
        this.parser = parser;
        this.routes = routes;
        this.downlinks = downlinks;
        this.events = events;
        this.atTheDevice = atTheDevice;
        atTheDevice.handle(
                "push",
                args -> pushHanded(args)
                        .thenApply(pushed -> StoredJson.objectNode().put("pushed", pushed)));
    }

    CompletableFuture<JsonNode> set(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final List<KeyValue> entries = entries(request.args()
                .object("attributes")
                .orElseThrow(() -> ApiException.badRequest("args.attributes is required: a JSON object of key → value"))
                .json());
        return store.saveShared(device.deviceId(), entries).thenCompose(changed -> {
            if (!changed.isEmpty()) {
                events.sharedAttributes(device, changed, Set.of());
            }
            final ObjectNode result = StoredJson.objectNode().put("device", device.device());
            final ArrayNode keys = result.putArray("changed");
            changed.forEach(entry -> keys.add(entry.key()));
            return changed.isEmpty()
                    ? CompletableFuture.completedFuture(result.put("pushed", false))
                    : push(device, changed, Set.of()).thenApply(pushed -> result.put("pushed", pushed));
        });
    }

    CompletableFuture<JsonNode> delete(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final List<String> keys = request.args()
                .textList("keys", MAX_KEYS)
                .orElseThrow(
                        () -> ApiException.badRequest("args.keys is required: the shared attribute keys to delete"));
        keys.forEach(AttributeOps::requireWritable);
        return store.deleteShared(device.deviceId(), new LinkedHashSet<>(keys)).thenCompose(deleted -> {
            final ObjectNode result = StoredJson.objectNode().put("device", device.device());
            final ArrayNode names = result.putArray("deleted");
            deleted.stream().sorted().forEach(names::add);
            if (deleted.isEmpty()) {
                return CompletableFuture.completedFuture(result.put("pushed", false));
            }
            events.sharedAttributes(device, List.of(), deleted);
            return push(
                            device,
                            List.of(),
                            new LinkedHashSet<>(deleted.stream().sorted().toList()))
                    .thenApply(pushed -> result.put("pushed", pushed));
        });
    }

    CompletableFuture<JsonNode> get(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final String scope = request.args().optionalText("scope").orElse("any");
        if (!scope.equals("any") && !scope.equals("client") && !scope.equals("shared")) {
            throw ApiException.badRequest("args.scope must be \"client\", \"shared\" or left out for both");
        }
        final KeySelection keys =
                request.args().textList("keys", MAX_KEYS).map(KeySelection::of).orElse(KeySelection.ALL);
        return store.get(
                        device.deviceId(),
                        scope.equals("shared") ? KeySelection.NONE : keys,
                        scope.equals("client") ? KeySelection.NONE : keys)
                .thenApply(attributes -> {
                    final ObjectNode result = StoredJson.objectNode().put("device", device.device());
                    if (!scope.equals("shared")) {
                        result.set("client", StoredJson.object(attributes.client()));
                    }
                    if (!scope.equals("client")) {
                        result.set("shared", StoredJson.object(attributes.shared()));
                    }
                    return result;
                });
    }

    private List<KeyValue> entries(final ObjectNode attributes) {
        final List<KeyValue> entries;
        try {
            entries = parser.parse(attributes.toString().getBytes(StandardCharsets.UTF_8));
        } catch (final BadPayloadException e) {
            throw ApiException.badRequest("args.attributes: " + e.reason());
        }
        if (entries.isEmpty()) {
            throw ApiException.badRequest("args.attributes must hold at least one key with a value that is not null");
        }
        entries.forEach(entry -> requireWritable(entry.key()));
        return entries;
    }

    private static void requireWritable(final String key) {
        if (key.startsWith("fw_") || key.startsWith("sw_")) {
            throw new ApiException(
                    ApiException.FORBIDDEN,
                    "'" + key + "': fw_* and sw_* attributes are set by"
                            + " assigning a package through the firmware service");
        }
    }

    /**
     * Pushes to the device (or the gateway of a sub-device) on this node or on the broker node that holds it.
     *
     * @return whether a connected device subscribed to the push topic got it
     */
    private CompletableFuture<Boolean> push(
            final DeviceRef device, final List<KeyValue> changed, final Set<String> deleted) {
        final ObjectNode args = StoredJson.objectNode()
                .put("deviceId", device.deviceId())
                .put("changed", KeyValue.toJsonObject(changed));
        final ArrayNode names = args.putArray("deleted");
        deleted.forEach(names::add);
        return atTheDevice
                .run(
                        device.deviceId(),
                        "push",
                        args,
                        PUSH_TIMEOUT,
                        () -> pushHere(device.deviceId(), changed, deleted)
                                .thenApply(pushed -> StoredJson.objectNode().put("pushed", pushed)))
                .thenApply(result -> result.path("pushed").asBoolean());
    }

    /** A push another node handed over, for a device connected here. */
    private CompletableFuture<Boolean> pushHanded(final JsonNode args) {
        final List<KeyValue> changed;
        try {
            changed = parser.parse(args.path("changed").asText("{}").getBytes(StandardCharsets.UTF_8));
        } catch (final BadPayloadException e) {
            return CompletableFuture.failedFuture(e);
        }
        final Set<String> deleted = new LinkedHashSet<>();
        args.path("deleted").forEach(name -> deleted.add(name.asText()));
        return pushHere(args.path("deviceId").asText(), changed, deleted);
    }

    /** Pushes to a device connected here (or the gateway of one) that subscribed to its push topic. */
    private CompletableFuture<Boolean> pushHere(
            final String deviceId, final List<KeyValue> changed, final Set<String> deleted) {
        final Optional<DeviceRoute> route = routes.of(deviceId);
        if (route.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return Services.publishService()
                .publishToClient(
                        downlinks.attributes(route.get(), changed, deleted),
                        route.get().brokerClientId())
                .handle((result, failure) -> failure == null && result == PublishToClientResult.SUCCESSFUL);
    }
}
