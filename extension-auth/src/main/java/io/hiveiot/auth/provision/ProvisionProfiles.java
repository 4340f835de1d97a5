package io.hiveiot.auth.provision;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.hiveiot.auth.schema.Tables.PROVISION_PROFILE;

/**
 * Every provision profile in force: those of config.xml (read-only, reloaded with the file) and
 * those created through the registry service, stored in auth.db and held in memory so that a
 * CONNECT can tell at once whether provisioning is open.
 */
public final class ProvisionProfiles {

    private final Supplier<ProvisioningSettings> configured;
    private final Database database;
    private final Clock clock;
    private final Map<String, ProvisionProfile> stored = new ConcurrentHashMap<>();

    public ProvisionProfiles(final Supplier<ProvisioningSettings> configured, final Database database,
                             final Clock clock) {
        this.configured = configured;
        this.database = database;
        this.clock = clock;
        database.read(dsl -> dsl.selectFrom(PROVISION_PROFILE).fetch()).join().forEach(row ->
                stored.put(row.getProfileKey(), new ProvisionProfile(row.getProfileKey(), row.getSecretHash(),
                        ProvisionProfile.Strategy.valueOf(row.getStrategy()), row.getAccountId(),
                        row.getDeviceProfileId())));
    }

    public boolean any() {
        return configured.get().enabled() || !stored.isEmpty();
    }

    public Optional<ProvisionProfile> find(final String key) {
        return configured.get().profile(key).or(() -> Optional.ofNullable(stored.get(key)));
    }

    /** The profiles of one account, configured ones included. */
    public List<ProvisionProfile> ofAccount(final String account) {
        return Stream.concat(configured.get().profiles().stream(), stored.values().stream())
                .filter(profile -> profile.account().equals(account))
                .sorted(Comparator.comparing(ProvisionProfile::key))
                .toList();
    }

    public boolean isConfigured(final String key) {
        return configured.get().profile(key).isPresent();
    }

    /** The provisioning settings of a device profile, if it has any. */
    public Optional<ProvisionProfile> ofDeviceProfile(final String deviceProfileId) {
        return stored.values().stream().filter(profile -> deviceProfileId.equals(profile.deviceProfileId()))
                .findFirst();
    }

    /** After a device profile was deleted (its provisioning settings went with it). */
    public void forgetDeviceProfile(final String deviceProfileId) {
        stored.values().removeIf(profile -> deviceProfileId.equals(profile.deviceProfileId()));
    }

    /** After the account was deleted (its stored profiles went with it). */
    public void forgetAccount(final String account) {
        stored.values().removeIf(profile -> profile.account().equals(account));
    }

    public CompletableFuture<ProvisionProfile> create(final ProvisionProfile profile) {
        if (find(profile.key()).isPresent()) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.CONFLICT,
                    "a provision profile with key '" + profile.key() + "' exists already"));
        }
        final long now = clock.millis();
        return database.write(dsl -> dsl.insertInto(PROVISION_PROFILE)
                        .set(PROVISION_PROFILE.PROFILE_KEY, profile.key())
                        .set(PROVISION_PROFILE.SECRET_HASH, profile.secretHash())
                        .set(PROVISION_PROFILE.STRATEGY, profile.strategy().name())
                        .set(PROVISION_PROFILE.ACCOUNT_ID, profile.account())
                        .set(PROVISION_PROFILE.DEVICE_PROFILE_ID, profile.deviceProfileId())
                        .set(PROVISION_PROFILE.CREATED_AT, now)
                        .execute())
                .thenApply(rows -> {
                    stored.put(profile.key(), profile);
                    return profile;
                });
    }

    /** Removes the provisioning settings of a device profile, if it has any. */
    public CompletableFuture<Void> deleteOfDeviceProfile(final String deviceProfileId) {
        return database.write(dsl -> dsl.deleteFrom(PROVISION_PROFILE)
                        .where(PROVISION_PROFILE.DEVICE_PROFILE_ID.eq(deviceProfileId)).execute())
                .thenAccept(rows -> forgetDeviceProfile(deviceProfileId));
    }

    public CompletableFuture<Boolean> delete(final String account, final String key) {
        if (isConfigured(key)) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.FORBIDDEN,
                    "profile '" + key + "' is configured in config.xml; remove it there"));
        }
        final ProvisionProfile profile = stored.get(key);
        if (profile == null || !profile.account().equals(account)) {
            return CompletableFuture.failedFuture(ApiException.notFound("no provision profile '" + key + "'"));
        }
        return database.write(dsl -> dsl.deleteFrom(PROVISION_PROFILE).where(PROVISION_PROFILE.PROFILE_KEY.eq(key))
                        .execute())
                .thenApply(rows -> stored.remove(key) != null);
    }
}
