package io.hiveiot.deviceapi.bucket;

import io.hiveiot.kit.database.Database;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.deviceapi.schema.Tables.BUCKET_RECORD;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/**
 * Bucket records in device-data.db. Appends are group-committed through the database's single writer (the future
 * completes after the commit), reads run on the read pool. Thread-safe.
 */
public final class BucketStore {

    public static final int MAX_LIMIT = 10_000;
    /** The rowid: jOOQ reads SQLite's INTEGER as an int, but a rowid is 64 bits. */
    private static final Field<Long> ID = BUCKET_RECORD.ID.coerce(Long.class);

    private final Database database;

    public BucketStore(final Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public CompletableFuture<Void> append(
            final String bucket, final long ts, final String topic, final byte[] payload) {
        return database.write(dsl -> {
            dsl.insertInto(BUCKET_RECORD)
                    .set(BUCKET_RECORD.BUCKET, bucket)
                    .set(BUCKET_RECORD.TS, ts)
                    .set(BUCKET_RECORD.TOPIC, topic)
                    .set(BUCKET_RECORD.PAYLOAD, payload)
                    .execute();
            return null;
        });
    }

    /**
     * Records of {@code [from, to)}, oldest first (by time, then by arrival).
     *
     * @param after the last record of the previous page, if any
     */
    public CompletableFuture<List<BucketRecord>> read(
            final String bucket, final long from, final long to, final Optional<BucketRecord> after, final int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return database.read(dsl -> page(dsl, bucket, from, to, after, limit));
    }

    private static List<BucketRecord> page(
            final DSLContext dsl,
            final String bucket,
            final long from,
            final long to,
            final Optional<BucketRecord> after,
            final int limit) {
        final Condition afterCursor = after.map(
                        last -> row(BUCKET_RECORD.TS, ID).gt(last.ts(), last.id()))
                .orElse(noCondition());
        return dsl.select(ID, BUCKET_RECORD.TS, BUCKET_RECORD.TOPIC, BUCKET_RECORD.PAYLOAD)
                .from(BUCKET_RECORD)
                .where(BUCKET_RECORD.BUCKET.eq(bucket), BUCKET_RECORD.TS.ge(from), BUCKET_RECORD.TS.lt(to), afterCursor)
                .orderBy(BUCKET_RECORD.TS, ID)
                .limit(limit)
                .fetch(row -> new BucketRecord(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    /**
     * Deletes every record of the bucket, {@code batch} at a time, each write submitted when the previous one has
     * committed.
     *
     * @return how many records were deleted
     */
    public CompletableFuture<Long> deleteAll(final String bucket, final int batch) {
        return deleteOlder(bucket, Long.MAX_VALUE, batch, 0);
    }

    /** Deletes the bucket's records older than {@code before} in small writes. @return how many */
    public CompletableFuture<Long> deleteOlder(
            final String bucket, final long before, final int batch, final long soFar) {
        return purge(bucket, before, batch)
                .thenCompose(deleted -> deleted < batch
                        ? CompletableFuture.completedFuture(soFar + deleted)
                        : deleteOlder(bucket, before, batch, soFar + deleted));
    }

    /** Deletes up to {@code batch} of the bucket's records older than {@code before}. @return how many */
    public CompletableFuture<Integer> purge(final String bucket, final long before, final int batch) {
        return database.write(dsl -> dsl.deleteFrom(BUCKET_RECORD)
                .where(BUCKET_RECORD.ID.in(dsl.select(BUCKET_RECORD.ID)
                        .from(BUCKET_RECORD)
                        .where(BUCKET_RECORD.BUCKET.eq(bucket), BUCKET_RECORD.TS.lt(before))
                        .limit(batch)))
                .execute());
    }
}
