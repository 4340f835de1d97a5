package io.hiveiot.auth.provision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Whether a CONNECT may open a provisioning session: only while a profile exists, and at most a few
 * per client address per minute, since a provisioning session needs no credentials at all.
 */
public final class ProvisionGate {

    public static final String LOGIN = "provision";

    private final Supplier<ProvisioningSettings> settings;
    private final ProvisionProfiles profiles;
    private final Cache<String, AtomicInteger> sessionsPerAddress = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    /** @param settings the current settings (read on every CONNECT, so reloads apply) */
    public ProvisionGate(final Supplier<ProvisioningSettings> settings, final ProvisionProfiles profiles) {
        this.settings = settings;
        this.profiles = profiles;
    }

    /** A CONNECT with {@code provision} as username or client ID, while provisioning is enabled. */
    public boolean isProvisioning(final String username, final String clientId) {
        return profiles.any() && (LOGIN.equals(username) || LOGIN.equals(clientId));
    }

    /** Counts a provisioning session of {@code address}; false once it opened too many this minute. */
    public boolean admit(final String address) {
        return sessionsPerAddress.get(address, key -> new AtomicInteger()).incrementAndGet()
                <= settings.get().sessionsPerMinute();
    }
}
