package io.hiveiot.deviceapi.bucket;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Every bucket, from config.xml (read-only) and made through the devices service (stored in device-data.db), served
 * from memory: the recorders look an account's buckets up on the broker's thread. A change is committed first and
 * shows in memory afterwards, so the recorders of connected devices follow it from their next publish.
 */
public final class Buckets {

    private final BucketStore store;
    private final BucketDefinitions definitions;
    private final Clock clock;
    private volatile Map<String, Bucket> byName;
    private volatile Map<String, List<Bucket>> byAccount;

    private Buckets(
            final BucketStore store,
            final BucketDefinitions definitions,
            final Clock clock,
            final Map<String, Bucket> buckets) {
        this.store = store;
        this.definitions = definitions;
        this.clock = clock;
        publish(buckets);
    }

    /** The configured buckets and the stored ones; a stored bucket whose name the config now uses is shadowed. */
    public static CompletableFuture<Buckets> load(
            final List<Bucket> configured, final Database database, final Clock clock) {
        final var definitions = new BucketDefinitions(database);
        return definitions.all().thenApply(stored -> {
            final Map<String, Bucket> all = new HashMap<>();
            stored.forEach(bucket -> all.put(bucket.name(), bucket));
            configured.forEach(bucket -> all.put(bucket.name(), bucket));
            return new Buckets(new BucketStore(database), definitions, clock, all);
        });
    }

    /** The account's buckets, enabled or not. */
    public List<Bucket> ofAccount(final String account) {
        return byAccount.getOrDefault(account, List.of());
    }

    /** The account's bucket of that name; another account's bucket is not found either. */
    public Optional<Bucket> find(final String account, final String name) {
        return Optional.ofNullable(byName.get(name))
                .filter(bucket -> bucket.account().equals(account));
    }

    public List<Bucket> all() {
        return List.copyOf(byName.values());
    }

    public BucketStore store() {
        return store;
    }

    /** @throws ApiException conflict (through the future) when any account has a bucket of that name */
    public CompletableFuture<Bucket> create(final Bucket bucket) {
        if (byName.containsKey(bucket.name())) {
            return CompletableFuture.failedFuture(taken(bucket.name()));
        }
        return definitions.insert(bucket, clock.millis()).thenApply(inserted -> {
            if (!inserted) {
                throw taken(bucket.name());
            }
            change(buckets -> {
                buckets.put(bucket.name(), bucket);
                return buckets;
            });
            return bucket;
        });
    }

    /** Stores a changed bucket of the service (never a configured one). */
    public CompletableFuture<Bucket> update(final Bucket changed) {
        return definitions.update(changed).thenApply(done -> {
            change(buckets -> {
                buckets.put(changed.name(), changed);
                return buckets;
            });
            return changed;
        });
    }

    /**
     * Deletes a bucket of the service: it records nothing from now on, and its records are deleted in small writes.
     *
     * @return how many records were deleted, once the last write has committed
     */
    public CompletableFuture<Long> delete(final Bucket bucket, final int batchSize) {
        return definitions.delete(bucket.name()).thenCompose(done -> {
            change(buckets -> {
                buckets.remove(bucket.name());
                return buckets;
            });
            return store.deleteAll(bucket.name(), batchSize);
        });
    }

    private synchronized void change(final UnaryOperator<Map<String, Bucket>> change) {
        publish(change.apply(new HashMap<>(byName)));
    }

    private void publish(final Map<String, Bucket> buckets) {
        final List<Bucket> sorted = new ArrayList<>(buckets.values());
        sorted.sort(Comparator.comparing(Bucket::name));
        byAccount = sorted.stream().collect(Collectors.groupingBy(Bucket::account, Collectors.toUnmodifiableList()));
        byName = Map.copyOf(buckets);
    }

    private static ApiException taken(final String name) {
        return new ApiException(
                ApiException.CONFLICT,
                "a bucket named '" + name + "' exists (bucket names are " + "unique across accounts)");
    }
}
