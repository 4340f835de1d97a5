package io.hiveiot.auth.devices;

import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.topic.TopicSpace;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.hiveiot.auth.schema.Tables.ACCESS_TOKEN;
import static io.hiveiot.auth.schema.Tables.ACCOUNT;
import static io.hiveiot.auth.schema.Tables.BASIC_CREDENTIAL;
import static io.hiveiot.auth.schema.Tables.DEVICE;
import static io.hiveiot.auth.schema.Tables.DEVICE_CONNECTION;
import static io.hiveiot.auth.schema.Tables.DEVICE_STATUS;

/**
 * Devices and their credentials in auth.db, always within one account: a name is looked up in the
 * requester's account only. Writes run on the database's writer (each in its own savepoint, so an
 * {@link ApiException} thrown inside leaves nothing behind); reads on its read threads.
 */
public final class DeviceStore {

    /**
     * @param profileId the device's profile, or {@code null} for the default profile
     * @param parentGateway for a sub-device, the name of the gateway that created it and alone speaks for it
     */
    public record Device(
            String id,
            String name,
            boolean enabled,
            long createdAt,
            boolean gateway,
            String profileId,
            String parentGateway) {}

    /** What a new device is beyond its name: a gateway or not, and its profile ({@code null}: the default). */
    public record Kind(boolean gateway, String profileId) {

        public static final Kind PLAIN = new Kind(false, null);
    }

    /**
     * A stored credential as applications see it: never a secret or a hash.
     *
     * @param password whether a basic credential has a password (empty for tokens)
     * @param sessions the session policy its connections run under
     */
    public record Credential(
            String id,
            String type,
            Optional<String> username,
            Optional<String> clientId,
            boolean clientIdRegex,
            Optional<Boolean> password,
            SessionPolicy sessions,
            long createdAt,
            Optional<Long> revokedAt) {}

    /** @param connections the device's connections on every broker node */
    public record Status(
            boolean active, Long lastConnectTime, Long lastDisconnectTime, Long lastActivityTime, int connections) {}

    private final Database database;
    private final Clock clock;

    public DeviceStore(final Database database, final Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public CompletableFuture<Device> find(final String account, final String name) {
        return database.read(dsl -> device(dsl, account, name));
    }

    public record Created(Device device, String credentialId) {}

    public CompletableFuture<Created> create(
            final String account, final String name, final PreparedCredential credential, final Kind kind) {
        return create(account, name, credential, kind, false);
    }

    /**
     * Provisioning of a new device: as {@link #create}, marking it provisioned.
     *
     * @throws ApiException conflict (through the future) when the name exists
     */
    public CompletableFuture<Created> createProvisioned(
            final String account, final String name, final PreparedCredential credential, final Kind kind) {
        return create(account, name, credential, kind, true);
    }

    /**
     * Provisioning of a device created beforehand, once: stores the new credential and marks it.
     * Fails with not-found when there is no such device, conflict when it was provisioned already.
     */
    public CompletableFuture<Created> provisionExisting(
            final String account, final String name, final PreparedCredential credential) {
        final long now = clock.millis();
        return database.write(dsl -> {
            final Device device = device(dsl, account, name);
            final int marked = dsl.update(DEVICE)
                    .set(DEVICE.PROVISIONED_AT, now)
                    .where(DEVICE.ID.eq(device.id()))
                    .and(DEVICE.PROVISIONED_AT.isNull())
                    .execute();
            if (marked == 0) {
                throw new ApiException(ApiException.CONFLICT, "device '" + name + "' was provisioned already");
            }
            return new Created(device, store(dsl, device.id(), credential, now));
        });
    }

    private CompletableFuture<Created> create(
            final String account,
            final String name,
            final PreparedCredential credential,
            final Kind kind,
            final boolean provisioned) {
        final String id = UUID.randomUUID().toString();
        final long now = clock.millis();
        return database.write(dsl -> {
            if (dsl.fetchExists(DEVICE, DEVICE.ACCOUNT_ID.eq(account).and(DEVICE.NAME.eq(name)))) {
                throw new ApiException(ApiException.CONFLICT, "a device named '" + name + "' exists already");
            }
            dsl.insertInto(DEVICE)
                    .set(DEVICE.ID, id)
                    .set(DEVICE.ACCOUNT_ID, account)
                    .set(DEVICE.NAME, name)
                    .set(DEVICE.CREATED_AT, now)
                    .set(DEVICE.PROVISIONED_AT, provisioned ? now : null)
                    .set(DEVICE.GATEWAY, kind.gateway())
                    .set(DEVICE.PROFILE_ID, kind.profileId())
                    .execute();
            dsl.insertInto(DEVICE_STATUS).set(DEVICE_STATUS.DEVICE_ID, id).execute();
            return new Created(
                    new Device(id, name, true, now, kind.gateway(), kind.profileId(), null),
                    store(dsl, id, credential, now));
        });
    }

    /**
     * Changes a device's gateway flag and profile; its connections get them when they next connect.
     *
     * @param profileId empty to keep the profile; a present empty value for the default profile
     */
    public CompletableFuture<Device> update(
            final String account,
            final String name,
            final Optional<Boolean> gateway,
            final Optional<Optional<String>> profileId) {
        return database.write(dsl -> {
            final Device device = device(dsl, account, name);
            final boolean newGateway = gateway.orElse(device.gateway());
            final String newProfile = profileId.isPresent() ? profileId.get().orElse(null) : device.profileId();
            dsl.update(DEVICE)
                    .set(DEVICE.GATEWAY, newGateway)
                    .set(DEVICE.PROFILE_ID, newProfile)
                    .where(DEVICE.ID.eq(device.id()))
                    .execute();
            return new Device(
                    device.id(),
                    device.name(),
                    device.enabled(),
                    device.createdAt(),
                    newGateway,
                    newProfile,
                    device.parentGateway());
        });
    }

    /** A device as {@code device.list} shows it: with its connection status. */
    public record Listed(Device device, Status status) {}

    /**
     * A page of the account's devices by name, with their connection status.
     *
     * @param search when present, only names containing it, ignoring case
     */
    public CompletableFuture<List<Listed>> list(
            final String account, final Optional<String> after, final int limit, final Optional<String> search) {
        final List<SelectField<?>> fields = new ArrayList<>(DEVICE_FIELDS);
        final Field<Integer> connections = connections(DEVICE.ID);
        fields.addAll(List.of(
                DEVICE_STATUS.ACTIVE,
                DEVICE_STATUS.LAST_CONNECT_TIME,
                DEVICE_STATUS.LAST_DISCONNECT_TIME,
                DEVICE_STATUS.LAST_ACTIVITY_TIME,
                connections));
        return database.read(dsl -> dsl.select(fields)
                .from(DEVICE)
                .leftJoin(PARENT)
                .on(PARENT.ID.eq(DEVICE.GATEWAY_ID))
                .leftJoin(DEVICE_STATUS)
                .on(DEVICE_STATUS.DEVICE_ID.eq(DEVICE.ID))
                .where(DEVICE.ACCOUNT_ID.eq(account))
                .and(after.map(DEVICE.NAME::gt).orElse(DSL.noCondition()))
                .and(search.map(DEVICE.NAME::containsIgnoreCase).orElse(DSL.noCondition()))
                .orderBy(DEVICE.NAME)
                .limit(limit)
                .fetch(row -> new Listed(
                        device(row),
                        new Status(
                                Boolean.TRUE.equals(row.get(DEVICE_STATUS.ACTIVE)),
                                row.get(DEVICE_STATUS.LAST_CONNECT_TIME),
                                row.get(DEVICE_STATUS.LAST_DISCONNECT_TIME),
                                row.get(DEVICE_STATUS.LAST_ACTIVITY_TIME),
                                row.get(connections)))));
    }

    /** How many connections the device has on all broker nodes together. */
    private static Field<Integer> connections(final Field<String> deviceId) {
        return DSL.selectCount()
                .from(DEVICE_CONNECTION)
                .where(DEVICE_CONNECTION.DEVICE_ID.eq(deviceId))
                .asField("connections");
    }

    public CompletableFuture<List<Credential>> credentials(final String deviceId) {
        return database.read(dsl -> {
            final var tokens = dsl.select(
                            ACCESS_TOKEN.TOKEN_HASH,
                            ACCESS_TOKEN.CREATED_AT,
                            ACCESS_TOKEN.REVOKED_AT,
                            ACCESS_TOKEN.SESSIONS)
                    .from(ACCESS_TOKEN)
                    .where(ACCESS_TOKEN.DEVICE_ID.eq(deviceId))
                    .orderBy(ACCESS_TOKEN.CREATED_AT)
                    .fetch(row -> new Credential(
                            tokenCredentialId(row.value1()),
                            "ACCESS_TOKEN",
                            Optional.empty(),
                            Optional.empty(),
                            false,
                            Optional.empty(),
                            SessionPolicy.of(row.value4(), ClientIdRule.ANY),
                            row.value2(),
                            Optional.ofNullable(row.value3())));
            final var basic = dsl.select(
                            BASIC_CREDENTIAL.ID,
                            BASIC_CREDENTIAL.USERNAME,
                            BASIC_CREDENTIAL.CLIENT_ID,
                            BASIC_CREDENTIAL.CLIENT_ID_REGEX,
                            BASIC_CREDENTIAL.CREATED_AT,
                            BASIC_CREDENTIAL.REVOKED_AT,
                            BASIC_CREDENTIAL.PASSWORD_HASH,
                            BASIC_CREDENTIAL.SESSIONS)
                    .from(BASIC_CREDENTIAL)
                    .where(BASIC_CREDENTIAL.DEVICE_ID.eq(deviceId))
                    .orderBy(BASIC_CREDENTIAL.CREATED_AT)
                    .fetch(row -> new Credential(
                            "basic:" + row.value1(),
                            "MQTT_BASIC",
                            Optional.ofNullable(row.value2()),
                            Optional.ofNullable(row.value3()),
                            row.value4(),
                            Optional.of(row.value7() != null),
                            SessionPolicy.of(row.value8(), new ClientIdRule(row.value3(), row.value4())),
                            row.value5(),
                            Optional.ofNullable(row.value6())));
            return Stream.concat(tokens.stream(), basic.stream()).toList();
        });
    }

    public CompletableFuture<Status> status(final String deviceId) {
        return database.read(dsl -> dsl.select(
                        DEVICE_STATUS.ACTIVE,
                        DEVICE_STATUS.LAST_CONNECT_TIME,
                        DEVICE_STATUS.LAST_DISCONNECT_TIME,
                        DEVICE_STATUS.LAST_ACTIVITY_TIME,
                        connections(DSL.val(deviceId)))
                .from(DEVICE_STATUS)
                .where(DEVICE_STATUS.DEVICE_ID.eq(deviceId))
                .fetchOptional(row -> new Status(row.value1(), row.value2(), row.value3(), row.value4(), row.value5()))
                .orElse(new Status(false, null, null, null, 0)));
    }

    public CompletableFuture<Device> delete(final String account, final String name) {
        return database.write(dsl -> {
            final Device device = device(dsl, account, name);
            dsl.deleteFrom(DEVICE).where(DEVICE.ID.eq(device.id())).execute();
            return device;
        });
    }

    public CompletableFuture<String> issue(
            final String account, final String name, final PreparedCredential credential) {
        final long now = clock.millis();
        return database.write(dsl -> store(dsl, device(dsl, account, name).id(), credential, now));
    }

    /** Revokes every access token of the device and issues a new one. */
    public CompletableFuture<Created> rotateToken(
            final String account, final String name, final PreparedCredential.AccessToken token) {
        final long now = clock.millis();
        return database.write(dsl -> {
            final Device device = device(dsl, account, name);
            dsl.update(ACCESS_TOKEN)
                    .set(ACCESS_TOKEN.REVOKED_AT, now)
                    .where(ACCESS_TOKEN.DEVICE_ID.eq(device.id()))
                    .and(ACCESS_TOKEN.REVOKED_AT.isNull())
                    .execute();
            return new Created(device, store(dsl, device.id(), token, now));
        });
    }

    /**
     * Revokes one credential of the device, or all of them.
     *
     * @return the device and how many credentials were revoked now
     */
    public CompletableFuture<Revoked> revoke(
            final String account, final String name, final Optional<String> credentialId) {
        final long now = clock.millis();
        return database.write(dsl -> {
            final Device device = device(dsl, account, name);
            int revoked = 0;
            if (credentialId.isEmpty() || credentialId.get().startsWith("token:")) {
                revoked += dsl.update(ACCESS_TOKEN)
                        .set(ACCESS_TOKEN.REVOKED_AT, now)
                        .where(ACCESS_TOKEN.DEVICE_ID.eq(device.id()))
                        .and(ACCESS_TOKEN.REVOKED_AT.isNull())
                        .and(credentialId
                                .map(id -> ACCESS_TOKEN.TOKEN_HASH.startsWith(id.substring("token:".length())))
                                .orElse(DSL.noCondition()))
                        .execute();
            }
            if (credentialId.isEmpty() || credentialId.get().startsWith("basic:")) {
                revoked += dsl.update(BASIC_CREDENTIAL)
                        .set(BASIC_CREDENTIAL.REVOKED_AT, now)
                        .where(BASIC_CREDENTIAL.DEVICE_ID.eq(device.id()))
                        .and(BASIC_CREDENTIAL.REVOKED_AT.isNull())
                        .and(credentialId
                                .map(id -> BASIC_CREDENTIAL.ID.eq(id.substring("basic:".length())))
                                .orElse(DSL.noCondition()))
                        .execute();
            }
            if (credentialId.isPresent() && revoked == 0) {
                throw ApiException.notFound("device '" + name + "' has no active credential " + credentialId.get());
            }
            return new Revoked(device, revoked);
        });
    }

    public record Revoked(Device device, int count) {}

    public CompletableFuture<Void> createAccount(
            final String id, final boolean admin, final String secretHash, final TopicSpace topicSpace) {
        final long now = clock.millis();
        return database.write(dsl -> {
            if (dsl.fetchExists(ACCOUNT, ACCOUNT.ID.eq(id))) {
                throw new ApiException(ApiException.CONFLICT, "account '" + id + "' exists already");
            }
            requireRootFree(dsl, topicSpace);
            dsl.insertInto(ACCOUNT)
                    .set(ACCOUNT.ID, id)
                    .set(ACCOUNT.SECRET_HASH, secretHash)
                    .set(ACCOUNT.ADMIN, admin)
                    .set(ACCOUNT.TOPIC_SPACE, topicSpace.name())
                    .set(ACCOUNT.CREATED_AT, now)
                    .execute();
            return null;
        });
    }

    /**
     * Gives an account another topic space.
     *
     * @return the ids of the account's devices, whose connections must now be closed to take the new permissions
     */
    public CompletableFuture<List<String>> changeTopicSpace(final TopicSpace topicSpace) {
        return database.write(dsl -> {
            if (!dsl.fetchExists(ACCOUNT, ACCOUNT.ID.eq(topicSpace.account()))) {
                throw ApiException.notFound("no account '" + topicSpace.account() + "'");
            }
            requireRootFree(dsl, topicSpace);
            dsl.update(ACCOUNT)
                    .set(ACCOUNT.TOPIC_SPACE, topicSpace.name())
                    .where(ACCOUNT.ID.eq(topicSpace.account()))
                    .execute();
            return dsl.select(DEVICE.ID)
                    .from(DEVICE)
                    .where(DEVICE.ACCOUNT_ID.eq(topicSpace.account()))
                    .fetch(DEVICE.ID);
        });
    }

    /** One account of the installation at most holds the root space: two would share every topic in it. */
    private static void requireRootFree(final DSLContext dsl, final TopicSpace topicSpace) {
        if (!topicSpace.root()) {
            return;
        }
        dsl.select(ACCOUNT.ID)
                .from(ACCOUNT)
                .where(ACCOUNT.TOPIC_SPACE.eq(TopicSpace.ROOT))
                .and(ACCOUNT.ID.ne(topicSpace.account()))
                .fetchOptional(ACCOUNT.ID)
                .ifPresent(holder -> {
                    throw new ApiException(
                            ApiException.CONFLICT,
                            "account '" + holder + "' holds the root topic "
                                    + "space; one account at most can: give it back first (account.update, topicSpace "
                                    + "\"account\")");
                });
    }

    public CompletableFuture<Void> replaceAccountSecret(final String id, final String secretHash) {
        return database.write(dsl -> {
            if (dsl.update(ACCOUNT)
                            .set(ACCOUNT.SECRET_HASH, secretHash)
                            .where(ACCOUNT.ID.eq(id))
                            .execute()
                    == 0) {
                throw ApiException.notFound("no account '" + id + "'");
            }
            return null;
        });
    }

    public record Account(
            String id, boolean admin, boolean enabled, long createdAt, int devices, TopicSpace topicSpace) {}

    public CompletableFuture<List<Account>> accounts() {
        return database.read(dsl -> dsl.select(
                        ACCOUNT.ID,
                        ACCOUNT.ADMIN,
                        ACCOUNT.ENABLED,
                        ACCOUNT.CREATED_AT,
                        DSL.selectCount()
                                .from(DEVICE)
                                .where(DEVICE.ACCOUNT_ID.eq(ACCOUNT.ID))
                                .<Integer>asField(),
                        ACCOUNT.TOPIC_SPACE)
                .from(ACCOUNT)
                .orderBy(ACCOUNT.ID)
                .fetch(row -> new Account(
                        row.value1(),
                        row.value2(),
                        row.value3(),
                        row.value4(),
                        row.value5(),
                        TopicSpace.of(row.value1(), row.value6()))));
    }

    /** @return the ids of the account's devices, whose sessions must now be closed */
    public CompletableFuture<List<String>> deleteAccount(final String id) {
        return database.write(dsl -> {
            if (!dsl.fetchExists(ACCOUNT, ACCOUNT.ID.eq(id))) {
                throw ApiException.notFound("no account '" + id + "'");
            }
            final List<String> devices = dsl.select(DEVICE.ID)
                    .from(DEVICE)
                    .where(DEVICE.ACCOUNT_ID.eq(id))
                    .fetch(DEVICE.ID);
            dsl.deleteFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).execute();
            return devices;
        });
    }

    /** The id under which an access token is listed and revoked: a prefix of its hash, never the token. */
    static String tokenCredentialId(final String tokenHash) {
        return "token:" + tokenHash.substring(0, 16);
    }

    private static String store(
            final DSLContext dsl, final String deviceId, final PreparedCredential credential, final long now) {
        if (credential instanceof PreparedCredential.AccessToken token) {
            if (dsl.fetchExists(ACCESS_TOKEN, ACCESS_TOKEN.TOKEN_HASH.eq(token.tokenHash()))) {
                throw new ApiException(ApiException.CONFLICT, "this access token is in use; choose another");
            }
            dsl.insertInto(ACCESS_TOKEN)
                    .set(ACCESS_TOKEN.TOKEN_HASH, token.tokenHash())
                    .set(ACCESS_TOKEN.DEVICE_ID, deviceId)
                    .set(ACCESS_TOKEN.CREATED_AT, now)
                    .set(ACCESS_TOKEN.PERMISSIONS, token.permissions())
                    .set(
                            ACCESS_TOKEN.SESSIONS,
                            token.sessions().map(SessionPolicy::text).orElse(null))
                    .execute();
            return tokenCredentialId(token.tokenHash());
        }
        final var basic = (PreparedCredential.Basic) credential;
        final boolean taken = dsl.fetchExists(
                BASIC_CREDENTIAL,
                basic.username()
                        .map(BASIC_CREDENTIAL.USERNAME::eq)
                        .orElse(BASIC_CREDENTIAL.USERNAME.isNull())
                        .and(BASIC_CREDENTIAL.REVOKED_AT.isNull())
                        .and(
                                basic.clientIdRule().clientId() == null
                                        ? BASIC_CREDENTIAL.CLIENT_ID.isNull()
                                        : BASIC_CREDENTIAL.CLIENT_ID.eq(
                                                basic.clientIdRule().clientId())));
        if (taken) {
            throw new ApiException(
                    ApiException.CONFLICT,
                    basic.username().isPresent()
                            ? "another device has this username with the same client ID rule"
                            : "another device has a credential of this client ID alone");
        }
        final String id = UUID.randomUUID().toString();
        dsl.insertInto(BASIC_CREDENTIAL)
                .set(BASIC_CREDENTIAL.ID, id)
                .set(BASIC_CREDENTIAL.DEVICE_ID, deviceId)
                .set(BASIC_CREDENTIAL.USERNAME, basic.username().orElse(null))
                .set(BASIC_CREDENTIAL.CLIENT_ID, basic.clientIdRule().clientId())
                .set(BASIC_CREDENTIAL.CLIENT_ID_REGEX, basic.clientIdRule().regex())
                .set(BASIC_CREDENTIAL.PASSWORD_HASH, basic.passwordHash().orElse(null))
                .set(BASIC_CREDENTIAL.PERMISSIONS, basic.permissions())
                .set(
                        BASIC_CREDENTIAL.SESSIONS,
                        basic.sessions().map(SessionPolicy::text).orElse(null))
                .set(BASIC_CREDENTIAL.CREATED_AT, now)
                .execute();
        return "basic:" + id;
    }

    private static Device device(final DSLContext dsl, final String account, final String name) {
        return dsl.select(DEVICE_FIELDS)
                .from(DEVICE)
                .leftJoin(PARENT)
                .on(PARENT.ID.eq(DEVICE.GATEWAY_ID))
                .where(DEVICE.ACCOUNT_ID.eq(account))
                .and(DEVICE.NAME.eq(name))
                .fetchOptional(DeviceStore::device)
                .orElseThrow(() -> ApiException.notFound("no device '" + name + "' in account '" + account + "'"));
    }

    /** A sub-device's gateway. */
    private static final io.hiveiot.auth.schema.tables.Device PARENT = DEVICE.as("parent");

    private static final List<SelectField<?>> DEVICE_FIELDS = List.of(
            DEVICE.ID,
            DEVICE.NAME,
            DEVICE.ENABLED,
            DEVICE.CREATED_AT,
            DEVICE.GATEWAY,
            DEVICE.PROFILE_ID,
            PARENT.NAME.as("parent_name"));

    private static Device device(final Record row) {
        return new Device(
                row.get(DEVICE.ID),
                row.get(DEVICE.NAME),
                row.get(DEVICE.ENABLED),
                row.get(DEVICE.CREATED_AT),
                row.get(DEVICE.GATEWAY),
                row.get(DEVICE.PROFILE_ID),
                row.get("parent_name", String.class));
    }
}
