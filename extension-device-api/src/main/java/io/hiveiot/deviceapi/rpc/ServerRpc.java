package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.deviceapi.downlink.Downlinks;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.deviceapi.session.DeviceRoute;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.thingsboard.TopicFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Server-side RPC: an application's request sent to a connected device on {@code v1/devices/me/rpc/request/{id}} (or
 * the short or gateway topic its subscription chose), and the device's answer on
 * {@code v1/devices/me/rpc/response/{id}} (or its gateway's {@code v1/gateway/rpc}) passed back.
 * <ul>
 *   <li>A plain call needs the device connected and subscribed to its request topic, and fails at once
 *       otherwise (ThingsBoard's 409 "no active session"). Two-way: the answer is the device's response, or a
 *       {@code timeout} error after {@code timeoutMs}. One-way: answered once the request is handed to the
 *       device's session.</li>
 *   <li>A persistent call is stored QUEUED and answered at once with its id; it is sent while the device is
 *       connected and subscribed, else when it next subscribes to its request topic, only ever to a connected
 *       device, and its progress (SENT, DELIVERED, SUCCESSFUL, TIMEOUT, EXPIRED, FAILED) is kept in
 *       device-data.db and published as {@code rpc} events.</li>
 * </ul>
 * Every request reaches a device through its {@link DeliveryLanes lane}, one after the other: queued persistent
 * calls are sent, oldest first, when the device subscribes to its request topic or connects with a session that
 * still holds that subscription (clean start off, session present, no new SUBSCRIBE), and before any call made after
 * that moment. Which devices may have queued calls is kept in memory, so a connect of any other device costs nothing.
 * <p>
 * DELIVERED means handed to the device's session (HiveMQ then delivers at QoS 1 and retries); the SDK does not
 * tell an extension about the device's PUBACK of a message it published.
 */
public final class ServerRpc {

    private static final Logger log = LoggerFactory.getLogger(ServerRpc.class);

    private final RpcStore store;
    private final DeviceRoutes routes;
    private final Downlinks downlinks;
    private final RpcEvents events;
    private final Clock clock;
    private final RpcWaiters waiters;
    private final RpcExpiry expiry;
    private final long defaultTimeoutMs;
    private final DeliveryLanes lanes = new DeliveryLanes();
    /** Devices that may have QUEUED calls (a superset): only their connects look for a restored subscription. */
    private final Set<String> mayHaveQueued = ConcurrentHashMap.newKeySet();
    /** The {@code timeoutMs} of persistent calls made since the start, by device and request id, until sent. */
    private final ConcurrentMap<String, Long> callTimeouts = new ConcurrentHashMap<>();

    /**
     * @param defaultTimeoutMs how long a two-way persistent call waits for its response once sent, when its own
     *                         {@code timeoutMs} is not known (it is not kept across restarts)
     */
    public ServerRpc(
            final RpcStore store,
            final DeviceRoutes routes,
            final Downlinks downlinks,
            final RpcEvents events,
            final ScheduledExecutorService timer,
            final Clock clock,
            final long defaultTimeoutMs) {
        this.store = store;
        this.routes = routes;
        this.downlinks = downlinks;
        this.events = events;
        this.clock = clock;
        this.defaultTimeoutMs = defaultTimeoutMs;
        this.waiters = new RpcWaiters(
                timer,
                (target, requestId) -> update(
                        target,
                        requestId,
                        new RpcUpdate(RpcStatus.TIMEOUT, Optional.empty(), Optional.of("no response in time"))));
        this.expiry = new RpcExpiry(store, clock, this::expired);
    }

    /** Learns which devices have QUEUED calls, before the first device connects. */
    public CompletableFuture<Void> loadQueued() {
        return store.devicesWithQueued().thenAccept(mayHaveQueued::addAll);
    }

    /** @return the op's result: the device's response, the id of a one-way call, or a persistent call's status */
    public CompletableFuture<JsonNode> call(final DeviceRef target, final RpcCall call) {
        return call.persistent() ? callPersistent(target, call) : callNow(target, call);
    }

    private CompletableFuture<JsonNode> callNow(final DeviceRef target, final RpcCall call) {
        final DeviceRoute route = routes.of(target.deviceId())
                .orElseThrow(() -> new ApiException(
                        ApiException.UNAVAILABLE,
                        "device '" + target.device() + "' is not connected; send the call with"
                                + " \"persistent\":true to have it delivered when the device connects"));
        return store.nextRequestId(target.deviceId()).thenCompose(requestId -> {
            final var request = downlinks.rpcRequest(route, requestId, call.method(), call.params());
            final CompletableFuture<JsonNode> answer = call.oneway()
                    ? CompletableFuture.completedFuture(
                            JsonNodeFactory.instance.objectNode().put("requestId", requestId))
                    : waiters.await(target, requestId, call.timeoutMs(), false);
            return lanes.submit(
                            target.deviceId(),
                            () -> Services.publishService().publishToClient(request, route.brokerClientId()))
                    .thenCompose(result -> {
                        if (result != PublishToClientResult.SUCCESSFUL) {
                            waiters.take(target.deviceId(), requestId);
                            throw new ApiException(
                                    ApiException.UNAVAILABLE,
                                    "device '" + target.device() + "' has not subscribed to "
                                            + Downlinks.rpcRequestFilter(route));
                        }
                        return answer;
                    });
        });
    }

    private CompletableFuture<JsonNode> callPersistent(final DeviceRef target, final RpcCall call) {
        if (call.expirationTs() <= clock.millis()) {
            throw ApiException.badRequest("args.expirationTime lies in the past");
        }
        return store.savePersistent(target.deviceId(), call.method(), call.params(), call.oneway(), call.expirationTs())
                .thenApply(stored -> {
                    mayHaveQueued.add(target.deviceId());
                    callTimeouts.put(key(target.deviceId(), stored.requestId()), call.timeoutMs());
                    expiry.stored(stored);
                    event(target, stored);
                    // Through the lane, with the older queued calls first.
                    routes.of(target.deviceId()).ifPresent(route -> deliverQueued(route, target));
                    return (JsonNode) JsonNodeFactory.instance
                            .objectNode()
                            .put("requestId", stored.requestId())
                            .put("status", stored.status().name())
                            .put("expirationTime", stored.expirationTs());
                });
    }

    /**
     * The device subscribed to its request topic (the SUBACK is out, so the subscription is in place), or a gateway
     * spoke for its sub-device: sends the device's queued persistent requests, oldest first, in its lane.
     */
    public void deliverQueued(final DeviceRoute route, final DeviceRef target) {
        lanes.submit(target.deviceId(), () -> sendQueued(route, target));
    }

    /**
     * A device connected. If it may have queued calls and its session still holds a subscription to its request
     * topic (a persistent session resumed without a new SUBSCRIBE), that subscription chooses the topic family as a
     * new one would, and the calls are sent now, in its lane, so that they go before any call made after the connect.
     */
    public void connected(final DeviceSession session) {
        if (!mayHaveQueued.contains(session.deviceId())) {
            return;
        }
        lanes.submit(
                session.deviceId(),
                () -> Services.subscriptionStore()
                        .getSubscriptions(session.brokerClientId())
                        .thenCompose(subscriptions -> {
                            final Optional<TopicFamily> family = subscriptions.stream()
                                    .flatMap(subscription ->
                                            TopicFamily.ofRpcRequestFilter(subscription.getTopicFilter()).stream())
                                    .findFirst();
                            family.ifPresent(session::subscribedToRpc);
                            return family.isPresent()
                                    ? sendQueued(new DeviceRoute.Direct(session), session.ref())
                                    : CompletableFuture.<Void>completedFuture(null);
                        }));
    }

    private CompletableFuture<Void> sendQueued(final DeviceRoute route, final DeviceRef target) {
        final String deviceId = target.deviceId();
        // Forgotten before the read and remembered again if the read finds any: a call stored meanwhile is
        // either seen by the read or adds the device itself after its commit.
        mayHaveQueued.remove(deviceId);
        return store.queued(deviceId)
                .thenCompose(queued -> {
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    if (!queued.isEmpty()) {
                        mayHaveQueued.add(deviceId);
                    }
                    for (final PersistentRpc rpc : queued) {
                        chain = chain.thenCompose(previous -> send(
                                route,
                                target,
                                rpc,
                                Optional.ofNullable(callTimeouts.remove(key(deviceId, rpc.requestId())))
                                        .orElse(defaultTimeoutMs)));
                    }
                    return chain;
                })
                .exceptionally(failure -> {
                    log.warn("hive-iot-device-api: queued RPC of {} not sent: {}", deviceId, failure.toString());
                    return null;
                });
    }

    private static String key(final String deviceId, final int requestId) {
        return deviceId + '\u0000' + requestId;
    }

    /** QUEUED → SENT → published → DELIVERED (waiting for the response if two-way), or back to QUEUED. */
    private CompletableFuture<Void> send(
            final DeviceRoute route, final DeviceRef target, final PersistentRpc rpc, final long timeoutMs) {
        final int requestId = rpc.requestId();
        return store.updateStatus(target.deviceId(), requestId, RpcUpdate.to(RpcStatus.SENT))
                .thenCompose(sent -> {
                    if (sent.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    event(target, sent.get());
                    if (!rpc.oneway()) {
                        waiters.await(target, requestId, timeoutMs, true);
                    }
                    return Services.publishService()
                            .publishToClient(
                                    downlinks.rpcRequest(route, requestId, rpc.method(), rpc.params()),
                                    route.brokerClientId())
                            .thenCompose(result -> {
                                final RpcStatus next;
                                if (result == PublishToClientResult.SUCCESSFUL) {
                                    next = RpcStatus.DELIVERED;
                                } else {
                                    waiters.take(target.deviceId(), requestId);
                                    next = RpcStatus.QUEUED;
                                }
                                return update(target, requestId, RpcUpdate.to(next));
                            });
                })
                .exceptionally(failure -> {
                    log.warn(
                            "hive-iot-device-api: persistent RPC {} of {} not sent: {}",
                            requestId,
                            target.deviceId(),
                            failure.toString());
                    return null;
                });
    }

    /**
     * The device answered on {@code v1/devices/me/rpc/response/{id}}. A response nobody waits for is stored if it
     * answers a persistent request (one sent before a restart, say), and dropped otherwise, as ThingsBoard drops
     * stale responses.
     *
     * @return completes once a persistent request's response is committed
     */
    public CompletableFuture<Void> onResponse(final DeviceRef target, final int requestId, final String response) {
        final Optional<RpcWaiters.Waiter> waiter = waiters.take(target.deviceId(), requestId);
        waiter.ifPresent(waiting -> waiting.answer()
                .complete(JsonNodeFactory.instance
                        .objectNode()
                        .put("requestId", requestId)
                        .set("response", RpcPayloads.response(response))));
        if (waiter.isPresent() && !waiter.get().persistent()) {
            return CompletableFuture.completedFuture(null);
        }
        if (requestId < 0) {
            return CompletableFuture.completedFuture(null);
        }
        return update(target, requestId, RpcUpdate.successful(response));
    }

    /** Gives up persistent requests whose expiration has come; the extension's timer calls it every second. */
    public void expire() {
        expiry.sweep();
    }

    private void expired(final List<PersistentRpc> expired) {
        for (final PersistentRpc rpc : expired) {
            waiters.take(rpc.deviceId(), rpc.requestId());
            callTimeouts.remove(key(rpc.deviceId(), rpc.requestId()));
            routes.of(rpc.deviceId()).ifPresent(route -> event(ref(route, rpc.deviceId()), rpc));
        }
    }

    private static DeviceRef ref(final DeviceRoute route, final String deviceId) {
        if (route instanceof DeviceRoute.ViaGateway sub) {
            return new DeviceRef(sub.session().ref().account(), sub.name(), deviceId);
        }
        return route.session().ref();
    }

    public CompletableFuture<Optional<PersistentRpc>> status(final String deviceId, final int requestId) {
        return store.get(deviceId, requestId);
    }

    private CompletableFuture<Void> update(final DeviceRef target, final int requestId, final RpcUpdate update) {
        return store.updateStatus(target.deviceId(), requestId, update)
                .thenAccept(updated -> updated.ifPresent(rpc -> event(target, rpc)));
    }

    private void event(final DeviceRef target, final PersistentRpc rpc) {
        events.rpc(target, describe(rpc).put("direction", "to-device"));
    }

    /** A persistent request as {@code rpc.status} and {@code rpc} events show it. */
    public static ObjectNode describe(final PersistentRpc rpc) {
        final ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("requestId", rpc.requestId())
                .put("method", rpc.method())
                .put("oneway", rpc.oneway())
                .put("persistent", true)
                .put("status", rpc.status().name())
                .put("createdTime", rpc.createdTs())
                .put("expirationTime", rpc.expirationTs());
        rpc.response().ifPresent(response -> node.set("response", RpcPayloads.response(response)));
        rpc.error().ifPresent(error -> node.put("error", error));
        return node;
    }
}
