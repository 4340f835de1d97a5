package io.hiveiot.deviceapi.bucket;

import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.kit.database.Database;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.deviceapi.schema.Tables.BUCKET;

/** The buckets made through the devices service, in device-data.db's {@code bucket} table. */
final class BucketDefinitions {

    private final Database database;

    BucketDefinitions(final Database database) {
        this.database = database;
    }

    CompletableFuture<List<Bucket>> all() {
        return database.read(dsl -> dsl.selectFrom(BUCKET)
                .orderBy(BUCKET.NAME)
                .fetch(row -> new Bucket(
                        row.getName(),
                        row.getAccount(),
                        new TopicFilter(row.getTopicFilter()),
                        row.getEnabled(),
                        Optional.ofNullable(row.getMaxAge()).map(Duration::ofMillis),
                        row.getDescription(),
                        false)));
    }

    /** @return false when a stored bucket has the name already */
    CompletableFuture<Boolean> insert(final Bucket bucket, final long now) {
        return database.write(dsl -> dsl.insertInto(BUCKET)
                        .set(BUCKET.NAME, bucket.name())
                        .set(BUCKET.ACCOUNT, bucket.account())
                        .set(BUCKET.TOPIC_FILTER, bucket.filter().filter())
                        .set(BUCKET.ENABLED, bucket.enabled())
                        .set(
                                BUCKET.MAX_AGE,
                                bucket.maxAge().map(Duration::toMillis).orElse(null))
                        .set(BUCKET.DESCRIPTION, bucket.description())
                        .set(BUCKET.CREATED_AT, now)
                        .onConflictDoNothing()
                        .execute()
                == 1);
    }

    CompletableFuture<Void> update(final Bucket bucket) {
        return database.write(dsl -> {
            dsl.update(BUCKET)
                    .set(BUCKET.TOPIC_FILTER, bucket.filter().filter())
                    .set(BUCKET.ENABLED, bucket.enabled())
                    .set(BUCKET.MAX_AGE, bucket.maxAge().map(Duration::toMillis).orElse(null))
                    .set(BUCKET.DESCRIPTION, bucket.description())
                    .where(BUCKET.NAME.eq(bucket.name()))
                    .execute();
            return null;
        });
    }

    CompletableFuture<Void> delete(final String name) {
        return database.write(dsl -> {
            dsl.deleteFrom(BUCKET).where(BUCKET.NAME.eq(name)).execute();
            return null;
        });
    }
}
