package io.hiveiot.auth.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed CONNECTs per (username, client ID) and per client address, and refuses a key that
 * failed too often for a while, before any password is hashed. Never per username alone: Thinger
 * and Sensoro fleets share one username, and one broken device must not lock out its fleet.
 */
public final class LoginThrottle {

    /**
     * @param maxFailures          failures of one (username, client ID) within the window before it is refused
     * @param maxFailuresPerAddress failures from one address within the window before it is refused
     */
    public record Settings(int maxFailures, int maxFailuresPerAddress, Duration window, Duration ban) {}

    private static final class Failures {
        private long windowStart;
        private int count;
        private long bannedUntil;
    }

    private final Settings settings;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    public LoginThrottle(final Settings settings, final Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(settings.window().plus(settings.ban()))
                .build();
    }

    /** Whether this login must be refused without looking at its credentials. */
    boolean throttled(final Optional<String> username, final String clientId, final Optional<String> address) {
        final long now = clock.millis();
        return banned(loginKey(username, clientId), now)
                || address.map(a -> banned(addressKey(a), now)).orElse(false);
    }

    void failed(final Optional<String> username, final String clientId, final Optional<String> address) {
        final long now = clock.millis();
        count(loginKey(username, clientId), settings.maxFailures(), now);
        address.ifPresent(a -> count(addressKey(a), settings.maxFailuresPerAddress(), now));
    }

    void succeeded(final Optional<String> username, final String clientId) {
        failures.invalidate(loginKey(username, clientId));
    }

    private boolean banned(final String key, final long now) {
        final Failures entry = failures.getIfPresent(key);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            return entry.bannedUntil > now;
        }
    }

    private void count(final String key, final int limit, final long now) {
        final Failures entry = failures.get(key, k -> new Failures());
        synchronized (entry) {
            if (now - entry.windowStart > settings.window().toMillis()) {
                entry.windowStart = now;
                entry.count = 0;
            }
            entry.count++;
            if (entry.count >= limit) {
                entry.bannedUntil = now + settings.ban().toMillis();
                entry.count = 0;
                entry.windowStart = now;
            }
        }
    }

    private static String loginKey(final Optional<String> username, final String clientId) {
        return "login\u0000" + username.orElse("") + '\u0000' + clientId;
    }

    private static String addressKey(final String address) {
        return "address\u0000" + address;
    }
}
