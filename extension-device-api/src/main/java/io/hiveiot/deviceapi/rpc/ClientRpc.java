package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.downlink.Replies;
import io.hiveiot.deviceapi.payload.CompactJson;
import io.hiveiot.deviceapi.protobuf.ProtoDownlinks;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ReplySubscriptions;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.TopicFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Client-side RPC: a device's request on {@code v1/devices/me/rpc/request/{id}} goes to the account's applications
 * as an {@code rpc} event; the first {@code rpc.reply} goes back to the device on
 * {@code v1/devices/me/rpc/response/{id}}, or {@code {"error":"timeout"}} when none comes in time (ThingsBoard's
 * {@code transport.client_side_rpc.timeout}). {@code getSessionLimits} is answered here, as ThingsBoard's
 * transport does. Answers reach the device whether or not it subscribed to the response topic (ThingsBoard
 * behaviour). Pending requests live in memory only: a broker restart ends the device's connection, and with it
 * the request.
 */
public final class ClientRpc {

    public static final String SESSION_LIMITS = "getSessionLimits";
    private static final String TIMEOUT = "timeout";
    private static final String OVERLOADED = "too many requests waiting, try again later";
    /** Requests of all devices waiting for applications; a device flooding requests cannot grow memory beyond it. */
    private static final int MAX_PENDING = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ClientRpc.class);

    private final RpcEvents events;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final String sessionLimits;
    private final ProtoDownlinks protobuf;
    private final ConcurrentMap<Key, Waiting> pending = new ConcurrentHashMap<>();

    private record Key(String deviceId, int requestId) {}

    /** A request waiting for its answer, which goes back in the family of the request's topic. */
    private record Waiting(DeviceSession session, TopicFamily family, ScheduledFuture<?> timeout) {}

    public ClientRpc(
            final RpcEvents events,
            final ScheduledExecutorService timer,
            final RpcSettings settings,
            final ProtoDownlinks protobuf) {
        this.events = events;
        this.timer = timer;
        this.timeout = settings.clientSideTimeout();
        this.sessionLimits = sessionLimits(settings).toString();
        this.protobuf = protobuf;
    }

    /** ThingsBoard's answer shape; hive-iot has no per-device rate limits, so {@code rateLimits} is empty. */
    private static ObjectNode sessionLimits(final RpcSettings settings) {
        final ObjectNode limits = JsonNodeFactory.instance
                .objectNode()
                .put("maxPayloadSize", settings.maxPayloadSize())
                .put("maxInflightMessages", settings.maxInflightMessages());
        limits.putObject("rateLimits");
        return limits;
    }

    /**
     * A device's request, already validated: {@code method} is a non-empty string. {@code getSessionLimits} is
     * answered on the v1 topic only, as in ThingsBoard.
     */
    public void request(
            final DeviceSession session,
            final int requestId,
            final String method,
            final JsonNode params,
            final TopicFamily family) {
        if (SESSION_LIMITS.equals(method) && family == TopicFamily.V1) {
            respond(session, family, requestId, sessionLimits, "");
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            respond(session, family, requestId, "", OVERLOADED);
            return;
        }
        final Key key = new Key(session.deviceId(), requestId);
        final ScheduledFuture<?> expiry =
                timer.schedule(() -> timedOut(key), timeout.toMillis(), TimeUnit.MILLISECONDS);
        final Waiting previous = pending.put(key, new Waiting(session, family, expiry));
        if (previous != null) {
            // The device reused an id it is still waiting on: the newer request is the one answered.
            previous.timeout().cancel(false);
        }
        final var device = session.connection().device();
        final ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("direction", "from-device")
                .put("requestId", requestId)
                .put("method", method);
        data.set("params", params);
        events.rpc(new DeviceRef(device.account(), device.deviceName(), device.deviceId()), data);
    }

    /** An application's answer ({@code rpc.reply}): any JSON value, sent to the device as it is. */
    public CompletableFuture<JsonNode> reply(
            final String device, final String deviceId, final int requestId, final JsonNode response) {
        final Waiting waiting = pending.remove(new Key(deviceId, requestId));
        if (waiting == null) {
            throw ApiException.notFound("device '" + device + "' has no request " + requestId
                    + " waiting for an answer (answered already, timed out after " + timeout.toSeconds()
                    + " s, or the device disconnected)");
        }
        waiting.timeout().cancel(false);
        return respond(waiting.session(), waiting.family(), requestId, response.toString(), "")
                .thenApply(delivered -> JsonNodeFactory.instance
                        .objectNode()
                        .put("requestId", requestId)
                        .put("sent", delivered));
    }

    /** The device's connection ended: its pending requests can no longer be answered. */
    public void deviceGone(final String deviceId) {
        pending.entrySet().removeIf(entry -> {
            final boolean gone = entry.getKey().deviceId().equals(deviceId);
            if (gone) {
                entry.getValue().timeout().cancel(false);
            }
            return gone;
        });
    }

    private void timedOut(final Key key) {
        final Waiting waiting = pending.remove(key);
        if (waiting != null) {
            respond(waiting.session(), waiting.family(), key.requestId(), "", TIMEOUT);
        }
    }

    /**
     * Sends the answer: as JSON the response itself or {@code {"error":..}}; in Protocol Buffers ThingsBoard's
     * {@code ToServerRpcResponseMsg} with its payload or error.
     */
    private CompletableFuture<Boolean> respond(
            final DeviceSession session,
            final TopicFamily family,
            final int requestId,
            final String response,
            final String error) {
        final byte[] payload;
        if (family.payloadType(session.profile()) == DeviceProfile.PayloadType.PROTOBUF) {
            payload = protobuf.rpcResponse(requestId, response, error);
        } else {
            payload = (error.isEmpty() ? response : "{\"error\":" + CompactJson.quote(error) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        final var publish = Replies.publish(family.rpcResponse(requestId), payload);
        final String clientId = session.brokerClientId();
        return ReplySubscriptions.ensure(session.connection().attributes(), clientId, family.rpcResponseFilter())
                .thenCompose(added -> Services.publishService().publishToClient(publish, clientId))
                .handle((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug(
                                "hive-iot-device-api: RPC response {} to {} not sent: {}",
                                requestId,
                                clientId,
                                failure != null ? failure.toString() : result);
                        return false;
                    }
                    return true;
                });
    }
}
