package io.hiveiot.firmware.chunk;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hiveiot.firmware.pkg.PackageStore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Package bytes in memory for chunk requests, bounded by weight (bytes), never by entry count: a thousand devices
 * downloading one package share one copy, and a burst of downloads of many packages evicts the least recently used
 * instead of growing the heap. Concurrent misses for one package wait for a single database read. Because a package
 * is never larger than the bound (the config enforces it), a package being downloaded stays cached and a chunk is
 * never a database read of its own.
 */
public final class PackageBytes {

    private final AsyncCache<String, Optional<byte[]>> cache;
    private final PackageStore store;

    public PackageBytes(final PackageStore store, final long maxBytes) {
        this.store = store;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String id, Optional<byte[]> bytes) ->
                        bytes.map(b -> b.length).orElse(0))
                .executor(Runnable::run)
                .buildAsync();
    }

    /** The bytes of a package; empty when it no longer exists. */
    public CompletableFuture<Optional<byte[]>> get(final String packageId) {
        return cache.get(packageId, (id, executor) -> store.bytes(id));
    }

    /** Forgets a deleted package (and the cached "does not exist" of an id). */
    public void invalidate(final String packageId) {
        cache.synchronous().invalidate(packageId);
    }

    /** Forgets every package. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** Bytes held now, for the {@code chunks.cache-bytes} gauge. */
    public long weightedSize() {
        return cache.synchronous()
                .policy()
                .eviction()
                .map(e -> e.weightedSize().orElse(0))
                .orElse(0L);
    }
}
