package io.hiveiot.auth.credential;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.hiveiot.auth.acl.ExtraPermissions;
import io.hiveiot.auth.config.AuthConfig;
import io.hiveiot.registry.secret.Sha256;
import io.hiveiot.registry.sqlite.Database;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.schema.Tables.ACCESS_TOKEN;
import static io.hiveiot.auth.schema.Tables.ACCOUNT;
import static io.hiveiot.auth.schema.Tables.DEVICE;

/**
 * Resolves access tokens to devices, through a cache keyed by the token's SHA-256 so that neither
 * the cache nor the database ever holds a token. Misses are read on the database's read pool; the
 * future is shared by concurrent CONNECTs with the same token. Unknown tokens are remembered for a
 * shorter time than known ones.
 */
public final class AccessTokens {

    private final Database database;
    private final AsyncLoadingCache<String, Optional<TokenDevice>> cache;

    public AccessTokens(final Database database, final AuthConfig.CacheSettings settings) {
        this.database = database;
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfter(new KnownLongerThanUnknown(settings.expireAfter(), settings.unknownExpireAfter()))
                .buildAsync((hash, executor) -> load(hash));
    }

    /** The token's device, or empty when no such token exists. Completes at once on a cache hit. */
    public CompletableFuture<Optional<TokenDevice>> find(final String token) {
        return cache.get(Sha256.hex(token));
    }

    /** Forgets every cached lookup, e.g. after devices or tokens changed. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    public long cachedEntries() {
        return cache.synchronous().estimatedSize();
    }

    private CompletableFuture<Optional<TokenDevice>> load(final String hash) {
        return database.read(dsl -> lookup(dsl, hash));
    }

    static Optional<TokenDevice> lookup(final DSLContext dsl, final String hash) {
        return dsl.select(DEVICE.ID, DEVICE.NAME, DEVICE.ACCOUNT_ID, DEVICE.ENABLED, ACCOUNT.ENABLED,
                        ACCESS_TOKEN.REVOKED_AT, ACCESS_TOKEN.PERMISSIONS)
                .from(ACCESS_TOKEN)
                .join(DEVICE).on(DEVICE.ID.eq(ACCESS_TOKEN.DEVICE_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(DEVICE.ACCOUNT_ID))
                .where(ACCESS_TOKEN.TOKEN_HASH.eq(hash))
                .fetchOptional(row -> new TokenDevice(row.value1(), row.value2(), row.value3(),
                        row.value4() && row.value5() && row.value6() == null, ExtraPermissions.parse(row.value7())));
    }

    private record KnownLongerThanUnknown(Duration known, Duration unknown)
            implements Expiry<String, Optional<TokenDevice>> {

        @Override
        public long expireAfterCreate(final String key, final Optional<TokenDevice> value, final long currentTime) {
            return (value.isPresent() ? known : unknown).toNanos();
        }

        @Override
        public long expireAfterUpdate(final String key, final Optional<TokenDevice> value, final long currentTime,
                                      final long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(final String key, final Optional<TokenDevice> value, final long currentTime,
                                    final long currentDuration) {
            return currentDuration;
        }
    }
}
