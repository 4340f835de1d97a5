package io.hiveiot.deviceapi.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * One lane per device in which requests are handed to its session one after the other: a delivery starts when the
 * one submitted before it has finished, successfully or not. So queued persistent calls, submitted when the device
 * connects or subscribes, reach it before any call made after that moment. A lane holds no thread; an idle device
 * holds no entry.
 */
final class DeliveryLanes {

    private final ConcurrentMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    <T> CompletableFuture<T> submit(final String deviceId, final Supplier<CompletableFuture<T>> delivery) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Void> previous = tails.put(deviceId, done);
        final CompletableFuture<Void> turn = previous == null ? CompletableFuture.completedFuture(null) : previous;
        final CompletableFuture<T> result = turn.thenCompose(ready -> {
            try {
                return delivery.get();
            } catch (final RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        result.whenComplete((value, failure) -> {
            tails.remove(deviceId, done);
            done.complete(null);
        });
        return result;
    }

    /** Devices with a delivery running or waiting. */
    int busy() {
        return tails.size();
    }
}
