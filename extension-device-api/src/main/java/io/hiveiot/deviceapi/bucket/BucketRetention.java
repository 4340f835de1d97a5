package io.hiveiot.deviceapi.bucket;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes bucket records older than each bucket's maximum age, bucket by bucket in small writes, each submitted when
 * the previous one has committed (the writes devices wait for get the writer in between).
 */
public final class BucketRetention {

    private final Buckets buckets;
    private final Duration defaultMaxAge;
    private final int batchSize;
    private final Clock clock;

    /** @param defaultMaxAge the age of buckets that name none */
    public BucketRetention(
            final Buckets buckets, final Duration defaultMaxAge, final int batchSize, final Clock clock) {
        this.buckets = buckets;
        this.defaultMaxAge = defaultMaxAge;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** @return how many records were deleted, once the last write has committed */
    public CompletableFuture<Long> purge() {
        final long now = clock.millis();
        CompletableFuture<Long> chain = CompletableFuture.completedFuture(0L);
        for (final Bucket bucket : buckets.all()) {
            final long cutoff = now - bucket.maxAge(defaultMaxAge).toMillis();
            chain = chain.thenCompose(soFar -> buckets.store().deleteOlder(bucket.name(), cutoff, batchSize, soFar));
        }
        return chain;
    }
}
