package io.hiveiot.auth.provision;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Provisioning as configured: the profiles, how long a provisioning session may stay without
 * finishing, and how many provisioning sessions one address may open per minute.
 */
public record ProvisioningSettings(List<ProvisionProfile> profiles, Duration idleTimeout, int sessionsPerMinute) {

    public static final ProvisioningSettings NONE = new ProvisioningSettings(List.of(), Duration.ofSeconds(60), 10);

    public ProvisioningSettings {
        profiles = List.copyOf(profiles);
    }

    /** Provisioning sessions are accepted only while at least one profile exists. */
    public boolean enabled() {
        return !profiles.isEmpty();
    }

    public Optional<ProvisionProfile> profile(final String key) {
        return Optional.ofNullable(byKey().get(key));
    }

    private Map<String, ProvisionProfile> byKey() {
        return profiles.stream().collect(Collectors.toMap(ProvisionProfile::key, Function.identity()));
    }
}
