package io.hiveiot.auth.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hiveiot.kit.secret.SaltedHash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords against their PBKDF2 hashes, and hashes new ones, on a small pool of its own (the hash is slow by
 * design and must never run on a broker thread or HiveMQ's shared executor). Successful checks are
 * remembered so that a reconnecting client pays once: the cache key is an HMAC of the password under
 * a key that exists only in this process, bound to the stored hash, so the cache holds no plaintext
 * and forgets a credential as soon as its hash changes.
 */
public final class PasswordVerifier implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final Cache<String, Boolean> verified;
    private final byte[] cacheKey = new byte[32];

    private final int hashIterations;

    /** @param hashIterations PBKDF2 iterations for {@link #hash} */
    public PasswordVerifier(
            final int threads, final int maximumCached, final Duration expireAfter, final int hashIterations) {
        this.hashIterations = hashIterations;
        new SecureRandom().nextBytes(cacheKey);
        final var counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000), runnable -> {
                    final var thread = new Thread(runnable, "hive-iot-auth-password-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumCached)
                .expireAfterWrite(expireAfter)
                .build();
    }

    /**
     * Whether the password is the one hashed in {@code candidate}, which must have one. Completes exceptionally
     * with {@link RejectedExecutionException} when too many checks are waiting.
     */
    public CompletableFuture<Boolean> verify(final BasicCandidate candidate, final String password) {
        return verify(
                candidate.credentialId(), password, candidate.passwordHash().orElseThrow());
    }

    /** @param credentialId stable id of what the hash belongs to, part of the cache key */
    public CompletableFuture<Boolean> verify(final String credentialId, final String password, final String hash) {
        final String key = credentialId + ':' + mac(password + '\u0000' + hash);
        if (verified.getIfPresent(key) != null) {
            return CompletableFuture.completedFuture(true);
        }
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        final boolean matches = SaltedHash.verify(password, hash);
                        if (matches) {
                            verified.put(key, true);
                        }
                        return matches;
                    },
                    pool);
        } catch (final RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Hashes a new password or secret on this pool, for storing. */
    public CompletableFuture<String> hash(final String secret) {
        try {
            return CompletableFuture.supplyAsync(() -> SaltedHash.hash(secret, hashIterations), pool);
        } catch (final RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private String mac(final String text) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
