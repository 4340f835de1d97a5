package io.hiveiot.deviceapi.bucket;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes bucket records older than the maximum age, bucket by bucket in small writes, each submitted when the
 * previous one has committed (the writes devices wait for get the writer in between).
 */
public final class BucketRetention {

    private final Buckets buckets;
    private final Duration maxAge;
    private final int batchSize;
    private final Clock clock;

    public BucketRetention(final Buckets buckets, final Duration maxAge, final int batchSize, final Clock clock) {
        this.buckets = buckets;
        this.maxAge = maxAge;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** @return how many records were deleted, once the last write has committed */
    public CompletableFuture<Long> purge() {
        final long cutoff = clock.millis() - maxAge.toMillis();
        CompletableFuture<Long> chain = CompletableFuture.completedFuture(0L);
        for (final Bucket bucket : buckets.all()) {
            chain = chain.thenCompose(soFar -> purge(bucket.name(), cutoff, soFar));
        }
        return chain;
    }

    private CompletableFuture<Long> purge(final String bucket, final long cutoff, final long soFar) {
        return buckets.store().purge(bucket, cutoff, batchSize).thenCompose(deleted -> deleted < batchSize
                ? CompletableFuture.completedFuture(soFar + deleted)
                : purge(bucket, cutoff, soFar + deleted));
    }
}
