package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.kit.session.DeviceConnection;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ReplySubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.RequestTopic;

import java.nio.ByteBuffer;
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
    private static final String RESPONSE_FILTER = DeviceTopic.RPC_RESPONSE_PREFIX + "+";
    private static final byte[] TIMEOUT = "{\"error\":\"timeout\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OVERLOADED = "{\"error\":\"too many requests waiting, try again later\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** Requests of all devices waiting for applications; a device flooding requests cannot grow memory beyond it. */
    private static final int MAX_PENDING = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ClientRpc.class);

    private final RpcEvents events;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final byte[] sessionLimits;
    private final ConcurrentMap<Key, Waiting> pending = new ConcurrentHashMap<>();

    private record Key(String deviceId, int requestId) {
    }

    private record Waiting(DeviceConnection session, ScheduledFuture<?> timeout) {
    }

    public ClientRpc(final RpcEvents events, final ScheduledExecutorService timer, final RpcSettings settings) {
        this.events = events;
        this.timer = timer;
        this.timeout = settings.clientSideTimeout();
        this.sessionLimits = sessionLimits(settings).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** ThingsBoard's answer shape; hive-iot has no per-device rate limits, so {@code rateLimits} is empty. */
    private static ObjectNode sessionLimits(final RpcSettings settings) {
        final ObjectNode limits = JsonNodeFactory.instance.objectNode()
                .put("maxPayloadSize", settings.maxPayloadSize())
                .put("maxInflightMessages", settings.maxInflightMessages());
        limits.putObject("rateLimits");
        return limits;
    }

    /** A device's request, already validated: {@code method} is a non-empty string. */
    public void request(final DeviceConnection session, final int requestId, final String method, final JsonNode params) {
        if (SESSION_LIMITS.equals(method)) {
            respond(session, requestId, sessionLimits);
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            respond(session, requestId, OVERLOADED);
            return;
        }
        final Key key = new Key(session.device().deviceId(), requestId);
        final ScheduledFuture<?> expiry = timer.schedule(() -> timedOut(key), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        final Waiting previous = pending.put(key, new Waiting(session, expiry));
        if (previous != null) {
            // The device reused an id it is still waiting on: the newer request is the one answered.
            previous.timeout().cancel(false);
        }
        final var device = session.device();
        final ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("direction", "from-device")
                .put("requestId", requestId)
                .put("method", method);
        data.set("params", params);
        events.rpc(new DeviceRef(device.account(), device.deviceName(), device.deviceId()), data);
    }

    /** An application's answer ({@code rpc.reply}): any JSON value, sent to the device as it is. */
    public CompletableFuture<JsonNode> reply(final String device, final String deviceId, final int requestId,
                                             final JsonNode response) {
        final Waiting waiting = pending.remove(new Key(deviceId, requestId));
        if (waiting == null) {
            throw ApiException.notFound("device '" + device + "' has no request " + requestId
                    + " waiting for an answer (answered already, timed out after " + timeout.toSeconds()
                    + " s, or the device disconnected)");
        }
        waiting.timeout().cancel(false);
        return respond(waiting.session(), requestId, response.toString().getBytes(StandardCharsets.UTF_8))
                .thenApply(delivered -> JsonNodeFactory.instance.objectNode()
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
            respond(waiting.session(), key.requestId(), TIMEOUT);
        }
    }

    private static CompletableFuture<Boolean> respond(final DeviceConnection session, final int requestId,
                                                      final byte[] payload) {
        final var publish = Builders.publish()
                .topic(RequestTopic.RPC_RESPONSE.topic(requestId))
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload))
                .build();
        final String clientId = session.brokerClientId();
        return ReplySubscriptions.ensure(session.attributes(), clientId, RESPONSE_FILTER)
                .thenCompose(added -> Services.publishService().publishToClient(publish, clientId))
                .handle((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug("hive-iot-device-api: RPC response {} to {} not sent: {}", requestId, clientId,
                                failure != null ? failure.toString() : result);
                        return false;
                    }
                    return true;
                });
    }
}
