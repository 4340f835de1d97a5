package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.RpcCall;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@code rpc} (server-side calls), {@code rpc.status} (persistent calls) and {@code rpc.reply} (client-side). */
final class RpcOps {

    /** The longest a caller may wait for one device's answer. */
    static final int MAX_TIMEOUT_MS = 600_000;

    private static final int MAX_PARAMS_LENGTH = 65_536;

    /** How much longer than the device may take a call's node answers; beyond it the node is taken as gone. */
    private static final Duration NODE_MARGIN = Duration.ofSeconds(10);

    private final ServerRpc serverRpc;
    private final ClientRpc clientRpc;
    private final RpcSettings settings;
    private final Clock clock;
    private final AtTheDevice atTheDevice;

    RpcOps(
            final ServerRpc serverRpc,
            final ClientRpc clientRpc,
            final RpcSettings settings,
            final Clock clock,
            final DeviceRoutes routes,
            final AtTheDevice atTheDevice) {
        this.serverRpc = serverRpc;
        this.clientRpc = clientRpc;
        this.settings = settings;
        this.clock = clock;
        this.atTheDevice = atTheDevice;
        atTheDevice.handle(
                "rpc",
                args -> serverRpc.call(
                        device(args),
                        new RpcCall(
                                args.path("method").asText(),
                                args.path("params").asText(),
                                args.path("timeoutMs").asLong(),
                                args.path("oneway").asBoolean(),
                                false,
                                0)));
        atTheDevice.handle("queued", args -> {
            routes.of(args.path("deviceId").asText()).ifPresent(route -> serverRpc.deliverQueued(route, device(args)));
            return CompletableFuture.completedFuture(StoredJson.objectNode());
        });
        atTheDevice.handle(
                "reply",
                args -> clientRpc.reply(
                        args.path("device").asText(),
                        args.path("deviceId").asText(),
                        args.path("requestId").asInt(),
                        args.path("response")));
    }

    CompletableFuture<JsonNode> call(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final var args = request.args();
        final String method = args.text("method");
        final JsonNode params = args.json().path("params");
        final String paramsJson = params.isMissingNode() ? "{}" : params.toString();
        if (paramsJson.length() > MAX_PARAMS_LENGTH) {
            throw ApiException.badRequest("args.params is longer than " + MAX_PARAMS_LENGTH + " characters as JSON");
        }
        final int timeoutMs =
                args.integer("timeoutMs", (int) settings.defaultTimeout().toMillis(), 1, MAX_TIMEOUT_MS);
        final boolean persistent = args.bool("persistent", false);
        final long now = clock.millis();
        final long expirationTs = args.longValue(
                "expirationTime", now + settings.persistentExpiry().toMillis(), 0, Long.MAX_VALUE);
        if (!persistent && args.json().has("expirationTime")) {
            throw ApiException.badRequest("args.expirationTime applies to persistent calls only");
        }
        final var call =
                new RpcCall(method, paramsJson, timeoutMs, args.bool("oneway", false), persistent, expirationTs);
        if (persistent) {
            // Stored here; the node that holds the device sends it, as it sends what is queued at connect.
            return serverRpc.call(device, call).thenApply(stored -> {
                atTheDevice.tellElsewhere(device.deviceId(), "queued", deviceArgs(device));
                return stored;
            });
        }
        final ObjectNode remote = deviceArgs(device)
                .put("method", method)
                .put("params", paramsJson)
                .put("timeoutMs", timeoutMs)
                .put("oneway", call.oneway());
        return atTheDevice.run(
                device.deviceId(),
                "rpc",
                remote,
                Duration.ofMillis(timeoutMs).plus(NODE_MARGIN),
                () -> serverRpc.call(device, call));
    }

    CompletableFuture<JsonNode> status(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final int requestId = args(request);
        return serverRpc
                .status(device.deviceId(), requestId)
                .thenApply(rpc -> rpc.<JsonNode>map(
                                found -> ServerRpc.describe(found).put("device", device.device()))
                        .orElseThrow(() -> ApiException.notFound(
                                "device '" + device.device() + "' has no persistent RPC with requestId " + requestId)));
    }

    CompletableFuture<JsonNode> reply(final ApiRequest request) {
        final DeviceRef device = DevicesService.target(request);
        final int requestId = request.args().integer("requestId", -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        final JsonNode response = request.args().json().get("response");
        if (!request.args().json().has("requestId") || response == null) {
            throw ApiException.badRequest("args.requestId and args.response are required");
        }
        final ObjectNode remote = deviceArgs(device).put("requestId", requestId);
        remote.set("response", response);
        return atTheDevice.run(
                device.deviceId(),
                "reply",
                remote,
                NODE_MARGIN,
                () -> clientRpc.reply(device.device(), device.deviceId(), requestId, response));
    }

    private static ObjectNode deviceArgs(final DeviceRef device) {
        return StoredJson.objectNode()
                .put("account", device.account())
                .put("device", device.device())
                .put("deviceId", device.deviceId());
    }

    private static DeviceRef device(final JsonNode args) {
        return new DeviceRef(
                args.path("account").asText(),
                args.path("device").asText(),
                args.path("deviceId").asText());
    }

    private static int args(final ApiRequest request) {
        if (!request.args().json().has("requestId")) {
            throw ApiException.badRequest("args.requestId is required");
        }
        return request.args().integer("requestId", 0, 0, Integer.MAX_VALUE);
    }
}
