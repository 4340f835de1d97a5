package io.hiveiot.auth.annotation;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hiveiot.kit.database.Database;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.schema.Tables.DEVICE;

/** Device names to ids within an account, cached, read on the database's read threads. */
public final class DeviceDirectory {

    private record Key(String account, String name) {}

    private final AsyncLoadingCache<Key, Optional<String>> cache;

    public DeviceDirectory(final Database database, final int maximumSize, final Duration expireAfter) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfter)
                .buildAsync((key, executor) -> database.read(dsl -> dsl.select(DEVICE.ID)
                        .from(DEVICE)
                        .where(DEVICE.ACCOUNT_ID.eq(key.account()))
                        .and(DEVICE.NAME.eq(key.name()))
                        .fetchOptional(DEVICE.ID)));
    }

    public CompletableFuture<Optional<String>> deviceId(final String account, final String name) {
        return cache.get(new Key(account, name));
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }
}
