package io.hiveiot.auth.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.auth.credential.Resolution;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a CONNECT's credential resolution from the CONNECT interceptor (which must know it to pick
 * the client ID) to the authenticator, so that the slow password check runs once per CONNECT. The
 * connection carries only a handle, unique in this process (the attribute never leaves the broker, so it needs no
 * randomness, whose secure source showed in a CONNECT storm's profile); entries of connections that died in between
 * expire.
 */
final class PendingResolutions {

    static final String HANDLE = "hive-iot.auth.pending-resolution";

    private final AtomicLong handles = new AtomicLong();
    private final Cache<String, CompletableFuture<Resolution>> pending =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(2)).build();

    void put(final ConnectionAttributeStore attributes, final CompletableFuture<Resolution> resolution) {
        final String handle = Long.toString(handles.incrementAndGet());
        pending.put(handle, resolution);
        attributes.putAsString(HANDLE, handle);
    }

    Optional<CompletableFuture<Resolution>> take(final ConnectionAttributeStore attributes) {
        final Optional<String> handle = attributes.getAsString(HANDLE);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        attributes.remove(HANDLE);
        return Optional.ofNullable(pending.asMap().remove(handle.get()));
    }
}
