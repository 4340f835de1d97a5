package io.hiveiot.auth.credential;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.hiveiot.auth.acl.ExtraPermissions;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.kit.secret.Sha256;
import io.hiveiot.kit.topic.TopicSpace;
import org.jooq.DSLContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves access tokens to devices, through a cache keyed by the token's SHA-256 so that neither
 * the cache nor the database ever holds a token. Misses are read on the database's read pool; the
 * future is shared by concurrent CONNECTs with the same token. Unknown tokens are remembered for a
 * shorter time than known ones.
 */
public final class AccessTokens {

    private final Database database;
    private final StatementCache statements = new StatementCache();
    private final AsyncLoadingCache<String, Optional<TokenDevice>> cache;
    private final long maximumSize;

    public AccessTokens(final Database database, final CacheSettings settings) {
        this.database = database;
        this.maximumSize = settings.maximumSize();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfter(new KnownLongerThanUnknown(settings.expireAfter(), settings.unknownExpireAfter()))
                .buildAsync((hash, executor) -> load(hash));
    }

    /** The token's device, or empty when no such token exists. Completes at once on a cache hit. */
    public CompletableFuture<Optional<TokenDevice>> find(final String token) {
        return cache.get(Sha256.hex(token));
    }

    /**
     * Fills the cache with the registry's tokens, up to its maximum size. After a broker restart every device
     * reconnects at once; with the cache warm, those CONNECTs resolve without a database read each.
     *
     * @return how many tokens were loaded
     */
    public int warm() {
        final Map<String, Optional<TokenDevice>> tokens = database.read(dsl -> dsl.connectionResult(connection -> {
                    final var all = new HashMap<String, Optional<TokenDevice>>();
                    try (PreparedStatement query = connection.prepareStatement(ALL)) {
                        query.setLong(1, maximumSize);
                        try (ResultSet row = query.executeQuery()) {
                            while (row.next()) {
                                all.put(row.getString(8), Optional.of(device(row)));
                            }
                        }
                    }
                    return all;
                }))
                .join();
        cache.synchronous().putAll(tokens);
        return tokens.size();
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

    /**
     * Every CONNECT of a device not in the cache runs this, so it is kept prepared on each read
     * thread: rendering and preparing it anew cost more than running it.
     */
    private static final String SELECT = "SELECT d.id, d.name, d.account_id, d.enabled, a.enabled, t.revoked_at, "
            + "t.permissions, t.token_hash, t.sessions, a.topic_space, d.gateway, d.profile_id "
            + "FROM access_token t JOIN device d ON d.id = t.device_id JOIN account a ON a.id = d.account_id";

    private static final String LOOKUP = SELECT + " WHERE t.token_hash = ?";
    /** The newest tokens first: the cache holds fewer than all only in a registry larger than the cache. */
    private static final String ALL = SELECT + " ORDER BY t.created_at DESC LIMIT ?";

    private Optional<TokenDevice> lookup(final DSLContext dsl, final String hash) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement query = statements.get(connection, LOOKUP);
            query.setString(1, hash);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(device(row)) : Optional.empty();
            }
        });
    }

    private static TokenDevice device(final ResultSet row) throws SQLException {
        final boolean enabled = row.getBoolean(4) && row.getBoolean(5);
        row.getLong(6);
        final boolean revoked = !row.wasNull();
        return new TokenDevice(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                enabled && !revoked,
                ExtraPermissions.parse(row.getString(7)),
                SessionPolicy.of(row.getString(9), ClientIdRule.ANY),
                TopicSpace.of(row.getString(3), row.getString(10)),
                new DeviceTraits(row.getBoolean(11), row.getString(12)));
    }

    private record KnownLongerThanUnknown(Duration known, Duration unknown)
            implements Expiry<String, Optional<TokenDevice>> {

        @Override
        public long expireAfterCreate(final String key, final Optional<TokenDevice> value, final long currentTime) {
            return (value.isPresent() ? known : unknown).toNanos();
        }

        @Override
        public long expireAfterUpdate(
                final String key,
                final Optional<TokenDevice> value,
                final long currentTime,
                final long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(
                final String key,
                final Optional<TokenDevice> value,
                final long currentTime,
                final long currentDuration) {
            return currentDuration;
        }
    }
}
