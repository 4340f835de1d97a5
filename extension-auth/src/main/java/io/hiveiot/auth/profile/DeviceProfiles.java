package io.hiveiot.auth.profile;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.DeviceProfile.Schema;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static io.hiveiot.auth.schema.Tables.DEVICE;
import static io.hiveiot.auth.schema.Tables.DEVICE_PROFILE;

/**
 * The device profiles of every account, stored in auth.db and held in memory (there are few, and every CONNECT of
 * a device with a profile needs its profile at once). Writes go through the database first and reach the map
 * once committed; a change made on another broker node of the database reaches it through {@link Notifications}:
 * the stored profiles are read again.
 */
public final class DeviceProfiles {

    private static final Logger log = LoggerFactory.getLogger(DeviceProfiles.class);
    private static final String CHANNEL = "device_profiles";

    private final Database database;
    private final Clock clock;
    private final Notifications notifications;
    private final Map<String, StoredProfile> byId = new ConcurrentHashMap<>();

    public DeviceProfiles(final Database database, final Clock clock, final Notifications notifications) {
        this.database = database;
        this.clock = clock;
        this.notifications = notifications;
        notifications.subscribe(
                CHANNEL, Notifications.Listener.readingAgain("hive-iot-auth: device profiles", this::load));
        load().join();
    }

    private CompletableFuture<Void> load() {
        return database.read(dsl -> dsl.selectFrom(DEVICE_PROFILE).fetch()).thenAccept(rows -> {
            final Map<String, StoredProfile> read = new HashMap<>();
            rows.forEach(row -> read.put(row.getId(), stored(row)));
            byId.keySet().retainAll(read.keySet());
            byId.putAll(read);
        });
    }

    /** The profile a device's connection gets: its own, or ThingsBoard's default. */
    public DeviceProfile of(final String profileId) {
        final StoredProfile stored = profileId == null ? null : byId.get(profileId);
        return stored == null ? DeviceProfile.DEFAULT : stored.profile();
    }

    public Optional<StoredProfile> find(final String account, final String name) {
        return byId.values().stream()
                .filter(profile ->
                        profile.account().equals(account) && profile.name().equals(name))
                .findFirst();
    }

    public Optional<StoredProfile> byId(final String id) {
        return Optional.ofNullable(id).map(byId::get);
    }

    /** The profile named {@code name} in the account, or a not-found error. */
    public StoredProfile named(final String account, final String name) {
        return find(account, name)
                .orElseThrow(
                        () -> ApiException.notFound("no device profile '" + name + "' in account '" + account + "'"));
    }

    public List<StoredProfile> ofAccount(final String account) {
        return byId.values().stream()
                .filter(profile -> profile.account().equals(account))
                .sorted(Comparator.comparing(StoredProfile::name))
                .toList();
    }

    /** How many devices use each profile of the account. */
    public CompletableFuture<Map<String, Integer>> deviceCounts(final String account) {
        return database.read(dsl -> dsl.select(DEVICE.PROFILE_ID, DSL.count())
                .from(DEVICE)
                .where(DEVICE.ACCOUNT_ID.eq(account))
                .and(DEVICE.PROFILE_ID.isNotNull())
                .groupBy(DEVICE.PROFILE_ID)
                .fetchMap(DEVICE.PROFILE_ID, DSL.count()));
    }

    public CompletableFuture<StoredProfile> create(final String account, final DeviceProfile profile) {
        final var stored = new StoredProfile(UUID.randomUUID().toString(), account, profile, clock.millis());
        return database.write(dsl -> {
                    if (dsl.fetchExists(
                            DEVICE_PROFILE,
                            DEVICE_PROFILE.ACCOUNT_ID.eq(account).and(DEVICE_PROFILE.NAME.eq(profile.name())))) {
                        throw new ApiException(
                                ApiException.CONFLICT,
                                "a device profile named '" + profile.name() + "' exists already");
                    }
                    insert(dsl, stored);
                    notifications.send(dsl, CHANNEL, "created " + stored.id());
                    return stored;
                })
                .thenApply(created -> {
                    byId.put(created.id(), created);
                    return created;
                });
    }

    /** Replaces a profile's settings; its devices get them at their next connect. */
    public CompletableFuture<StoredProfile> update(final StoredProfile before, final DeviceProfile profile) {
        final var stored = new StoredProfile(before.id(), before.account(), profile, before.createdAt());
        return database.write(dsl -> {
                    if (!profile.name().equals(before.name())
                            && dsl.fetchExists(
                                    DEVICE_PROFILE,
                                    DEVICE_PROFILE
                                            .ACCOUNT_ID
                                            .eq(before.account())
                                            .and(DEVICE_PROFILE.NAME.eq(profile.name())))) {
                        throw new ApiException(
                                ApiException.CONFLICT,
                                "a device profile named '" + profile.name() + "' exists already");
                    }
                    dsl.update(DEVICE_PROFILE)
                            .set(settings(profile))
                            .where(DEVICE_PROFILE.ID.eq(before.id()))
                            .execute();
                    notifications.send(dsl, CHANNEL, "updated " + stored.id());
                    return stored;
                })
                .thenApply(updated -> {
                    byId.put(updated.id(), updated);
                    return updated;
                });
    }

    /** Deletes an unused profile (with its provisioning settings); a profile that devices use is refused. */
    public CompletableFuture<StoredProfile> delete(final StoredProfile profile) {
        return database.write(dsl -> {
                    final int devices = dsl.fetchCount(DEVICE, DEVICE.PROFILE_ID.eq(profile.id()));
                    if (devices > 0) {
                        throw new ApiException(
                                ApiException.CONFLICT,
                                "device profile '" + profile.name() + "' is used by " + devices
                                        + " device(s); move them to another profile first");
                    }
                    dsl.deleteFrom(DEVICE_PROFILE)
                            .where(DEVICE_PROFILE.ID.eq(profile.id()))
                            .execute();
                    notifications.send(dsl, CHANNEL, "deleted " + profile.id());
                    return profile;
                })
                .thenApply(deleted -> {
                    byId.remove(deleted.id());
                    return deleted;
                });
    }

    /**
     * After the account was deleted (its profiles went with it).
     *
     * @return completes once the other nodes are told
     */
    public CompletableFuture<Void> forgetAccount(final String account) {
        byId.values().removeIf(profile -> profile.account().equals(account));
        return notifications.send(CHANNEL, "account " + account).exceptionally(failure -> {
            log.warn(
                    "hive-iot-auth: other broker nodes were not told of deleted device profiles: {}",
                    failure.toString());
            return null;
        });
    }

    private static void insert(final DSLContext dsl, final StoredProfile stored) {
        dsl.insertInto(DEVICE_PROFILE)
                .set(DEVICE_PROFILE.ID, stored.id())
                .set(DEVICE_PROFILE.ACCOUNT_ID, stored.account())
                .set(DEVICE_PROFILE.CREATED_AT, stored.createdAt())
                .set(settings(stored.profile()))
                .execute();
    }

    /** The columns a profile's settings are stored in. */
    private static Map<Field<?>, Object> settings(final DeviceProfile profile) {
        final Map<Field<?>, Object> columns = new HashMap<>();
        columns.put(DEVICE_PROFILE.NAME, profile.name());
        columns.put(DEVICE_PROFILE.PAYLOAD_TYPE, profile.payloadType().name());
        columns.put(DEVICE_PROFILE.TELEMETRY_TOPIC, profile.telemetryTopic());
        columns.put(DEVICE_PROFILE.ATTRIBUTES_TOPIC, profile.attributesTopic());
        columns.put(DEVICE_PROFILE.ATTRIBUTES_SUBSCRIBE_TOPIC, profile.attributesSubscribeTopic());
        columns.put(
                DEVICE_PROFILE.TELEMETRY_PROTO, profile.schema(Schema.TELEMETRY).orElse(null));
        columns.put(
                DEVICE_PROFILE.ATTRIBUTES_PROTO,
                profile.schema(Schema.ATTRIBUTES).orElse(null));
        columns.put(
                DEVICE_PROFILE.RPC_REQUEST_PROTO,
                profile.schema(Schema.RPC_REQUEST).orElse(null));
        columns.put(
                DEVICE_PROFILE.RPC_RESPONSE_PROTO,
                profile.schema(Schema.RPC_RESPONSE).orElse(null));
        return columns;
    }

    private static StoredProfile stored(final Record row) {
        final var schemas = new EnumMap<Schema, String>(Schema.class);
        putIfSet(schemas, Schema.TELEMETRY, row.get(DEVICE_PROFILE.TELEMETRY_PROTO));
        putIfSet(schemas, Schema.ATTRIBUTES, row.get(DEVICE_PROFILE.ATTRIBUTES_PROTO));
        putIfSet(schemas, Schema.RPC_REQUEST, row.get(DEVICE_PROFILE.RPC_REQUEST_PROTO));
        putIfSet(schemas, Schema.RPC_RESPONSE, row.get(DEVICE_PROFILE.RPC_RESPONSE_PROTO));
        return new StoredProfile(
                row.get(DEVICE_PROFILE.ID),
                row.get(DEVICE_PROFILE.ACCOUNT_ID),
                new DeviceProfile(
                        row.get(DEVICE_PROFILE.NAME),
                        DeviceProfile.PayloadType.valueOf(row.get(DEVICE_PROFILE.PAYLOAD_TYPE)),
                        row.get(DEVICE_PROFILE.TELEMETRY_TOPIC),
                        row.get(DEVICE_PROFILE.ATTRIBUTES_TOPIC),
                        row.get(DEVICE_PROFILE.ATTRIBUTES_SUBSCRIBE_TOPIC),
                        schemas),
                row.get(DEVICE_PROFILE.CREATED_AT));
    }

    private static void putIfSet(final Map<Schema, String> schemas, final Schema schema, final String text) {
        if (text != null) {
            schemas.put(schema, text);
        }
    }
}
