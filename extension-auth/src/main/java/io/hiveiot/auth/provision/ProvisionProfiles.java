package io.hiveiot.auth.provision;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
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
 * CONNECT can tell at once whether provisioning is open. A change through another broker node of the database
 * reaches this node's memory through {@link Notifications}: the stored profiles are read again.
 */
public final class ProvisionProfiles {

    private static final Logger log = LoggerFactory.getLogger(ProvisionProfiles.class);
    private static final String CHANNEL = "provision_profiles";

    private final Supplier<ProvisioningSettings> configured;
    private final Database database;
    private final Clock clock;
    private final Notifications notifications;
    private final Map<String, ProvisionProfile> stored = new ConcurrentHashMap<>();

    public ProvisionProfiles(
            final Supplier<ProvisioningSettings> configured,
            final Database database,
            final Clock clock,
            final Notifications notifications) {
        this.configured = configured;
        this.database = database;
        this.clock = clock;
        this.notifications = notifications;
        notifications.subscribe(
                CHANNEL, Notifications.Listener.readingAgain("hive-iot-auth: provision profiles", this::load));
        load().join();
    }

    private CompletableFuture<Void> load() {
        return database.read(dsl -> dsl.selectFrom(PROVISION_PROFILE).fetch()).thenAccept(rows -> {
            final Map<String, ProvisionProfile> read = new HashMap<>();
            rows.forEach(row -> read.put(
                    row.getProfileKey(),
                    new ProvisionProfile(
                            row.getProfileKey(),
                            row.getSecretHash(),
                            ProvisionProfile.Strategy.valueOf(row.getStrategy()),
                            row.getAccountId(),
                            row.getDeviceProfileId())));
            stored.keySet().retainAll(read.keySet());
            stored.putAll(read);
        });
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
        return stored.values().stream()
                .filter(profile -> deviceProfileId.equals(profile.deviceProfileId()))
                .findFirst();
    }

    /**
     * After a device profile was deleted (its provisioning settings went with it in the same commit).
     *
     * @return completes once the other nodes are told
     */
    public CompletableFuture<Void> forgetDeviceProfile(final String deviceProfileId) {
        stored.values().removeIf(profile -> deviceProfileId.equals(profile.deviceProfileId()));
        return notifications.send(CHANNEL, "device profile " + deviceProfileId).exceptionally(failure -> {
            log.warn(
                    "hive-iot-auth: other broker nodes were not told of deleted provision profiles: {}",
                    failure.toString());
            return null;
        });
    }

    /**
     * After the account was deleted (its stored profiles went with it).
     *
     * @return completes once the other nodes are told
     */
    public CompletableFuture<Void> forgetAccount(final String account) {
        stored.values().removeIf(profile -> profile.account().equals(account));
        return notifications.send(CHANNEL, "account " + account).exceptionally(failure -> {
            log.warn(
                    "hive-iot-auth: other broker nodes were not told of deleted provision profiles: {}",
                    failure.toString());
            return null;
        });
    }

    public CompletableFuture<ProvisionProfile> create(final ProvisionProfile profile) {
        if (find(profile.key()).isPresent()) {
            return CompletableFuture.failedFuture(new ApiException(
                    ApiException.CONFLICT, "a provision profile with key '" + profile.key() + "' exists already"));
        }
        final long now = clock.millis();
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, "created " + profile.key());
                    return dsl.insertInto(PROVISION_PROFILE)
                            .set(PROVISION_PROFILE.PROFILE_KEY, profile.key())
                            .set(PROVISION_PROFILE.SECRET_HASH, profile.secretHash())
                            .set(PROVISION_PROFILE.STRATEGY, profile.strategy().name())
                            .set(PROVISION_PROFILE.ACCOUNT_ID, profile.account())
                            .set(PROVISION_PROFILE.DEVICE_PROFILE_ID, profile.deviceProfileId())
                            .set(PROVISION_PROFILE.CREATED_AT, now)
                            .execute();
                })
                .thenApply(rows -> {
                    stored.put(profile.key(), profile);
                    return profile;
                });
    }

    /** Removes the provisioning settings of a device profile, if it has any. */
    public CompletableFuture<Void> deleteOfDeviceProfile(final String deviceProfileId) {
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, "device profile " + deviceProfileId);
                    return dsl.deleteFrom(PROVISION_PROFILE)
                            .where(PROVISION_PROFILE.DEVICE_PROFILE_ID.eq(deviceProfileId))
                            .execute();
                })
                .thenAccept(
                        rows -> stored.values().removeIf(profile -> deviceProfileId.equals(profile.deviceProfileId())));
    }

    public CompletableFuture<Boolean> delete(final String account, final String key) {
        if (isConfigured(key)) {
            return CompletableFuture.failedFuture(new ApiException(
                    ApiException.FORBIDDEN, "profile '" + key + "' is configured in config.xml; remove it there"));
        }
        final ProvisionProfile profile = stored.get(key);
        if (profile == null || !profile.account().equals(account)) {
            return CompletableFuture.failedFuture(ApiException.notFound("no provision profile '" + key + "'"));
        }
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, "deleted " + key);
                    return dsl.deleteFrom(PROVISION_PROFILE)
                            .where(PROVISION_PROFILE.PROFILE_KEY.eq(key))
                            .execute();
                })
                .thenApply(rows -> stored.remove(key) != null);
    }
}
