package io.hiveiot.deviceapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.deviceapi.session.DeviceRef;
import io.hiveiot.kit.api.ApiException;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Two-way server-side requests sent to a device and waiting for its response, each with its timeout on the
 * extension's timer. In memory only: after a restart, a persistent request's response is matched through
 * device-data.db instead.
 */
final class RpcWaiters {

    private final ScheduledExecutorService timer;
    private final BiConsumer<DeviceRef, Integer> persistentTimedOut;
    private final ConcurrentMap<Key, Waiter> waiting = new ConcurrentHashMap<>();

    private record Key(String deviceId, int requestId) {}

    /** A request waiting for its response; {@code answer} completes with it or fails with a timeout. */
    record Waiter(
            DeviceRef target, boolean persistent, CompletableFuture<JsonNode> answer, ScheduledFuture<?> timeout) {}

    /** @param persistentTimedOut what to do, besides failing the answer, when a persistent request times out */
    RpcWaiters(final ScheduledExecutorService timer, final BiConsumer<DeviceRef, Integer> persistentTimedOut) {
        this.timer = timer;
        this.persistentTimedOut = persistentTimedOut;
    }

    /** @return the future the device's response completes */
    CompletableFuture<JsonNode> await(
            final DeviceRef target, final int requestId, final long timeoutMs, final boolean persistent) {
        final Key key = new Key(target.deviceId(), requestId);
        final var answer = new CompletableFuture<JsonNode>();
        final ScheduledFuture<?> timeout = timer.schedule(() -> timedOut(key), timeoutMs, TimeUnit.MILLISECONDS);
        waiting.put(key, new Waiter(target, persistent, answer, timeout));
        return answer;
    }

    /** The request's waiter, no longer waiting; empty when nothing waits for it (any more). */
    Optional<Waiter> take(final String deviceId, final int requestId) {
        final Waiter waiter = waiting.remove(new Key(deviceId, requestId));
        if (waiter != null) {
            waiter.timeout().cancel(false);
        }
        return Optional.ofNullable(waiter);
    }

    private void timedOut(final Key key) {
        final Waiter waiter = waiting.remove(key);
        if (waiter == null) {
            return;
        }
        waiter.answer()
                .completeExceptionally(new ApiException(
                        ApiException.TIMEOUT,
                        "device '" + waiter.target().device() + "' did not answer request " + key.requestId()
                                + " in time"));
        if (waiter.persistent()) {
            persistentTimedOut.accept(waiter.target(), key.requestId());
        }
    }
}
