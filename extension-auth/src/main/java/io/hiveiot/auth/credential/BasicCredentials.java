package io.hiveiot.auth.credential;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hiveiot.auth.acl.ExtraPermissions;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.topic.TopicSpace;
import org.jooq.Condition;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.schema.Tables.ACCOUNT;
import static io.hiveiot.auth.schema.Tables.BASIC_CREDENTIAL;
import static io.hiveiot.auth.schema.Tables.DEVICE;

/**
 * The credentials a username may stand for, or, for a CONNECT without a username, the credentials that hold only
 * that exact client ID (ThingsBoard's MQTT_BASIC with a client ID alone). Read on the database's read threads and
 * cached for a short time (a reconnect storm of a Thinger fleet shares one username).
 */
public final class BasicCredentials {

    /** What a lookup is by: a username, or a client ID for credentials without one. */
    private record Key(String username, String clientId) {}

    private final ClientIdRule appClientIds;
    private final AsyncLoadingCache<Key, List<BasicCandidate>> cache;

    /**
     * @param appClientIds the client IDs an account's applications may use, e.g. Sensoro's
     *                     {@code ^${username}(/[-_0-9a-zA-Z]{0,36})?$}
     */
    public BasicCredentials(
            final Database database,
            final ClientIdRule appClientIds,
            final int maximumSize,
            final Duration expireAfter) {
        this.appClientIds = appClientIds;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfter)
                .buildAsync((key, executor) -> database.read(dsl -> load(dsl, key)));
    }

    /** The devices' credentials of this username, and the application whose AppID it is. */
    public CompletableFuture<List<BasicCandidate>> candidates(final String username) {
        return cache.get(new Key(username, null));
    }

    /** The devices' credentials that consist of exactly this client ID. */
    public CompletableFuture<List<BasicCandidate>> clientIdOnly(final String clientId) {
        return cache.get(new Key(null, clientId));
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    private List<BasicCandidate> load(final DSLContext dsl, final Key key) {
        final var candidates = new ArrayList<BasicCandidate>();
        final Condition which = key.username() != null
                ? BASIC_CREDENTIAL.USERNAME.eq(key.username())
                : BASIC_CREDENTIAL.USERNAME.isNull().and(BASIC_CREDENTIAL.CLIENT_ID.eq(key.clientId()));
        dsl.select(
                        BASIC_CREDENTIAL.ID,
                        DEVICE.ACCOUNT_ID,
                        DEVICE.ID,
                        DEVICE.NAME,
                        BASIC_CREDENTIAL.CLIENT_ID,
                        BASIC_CREDENTIAL.CLIENT_ID_REGEX,
                        BASIC_CREDENTIAL.PASSWORD_HASH,
                        BASIC_CREDENTIAL.REVOKED_AT,
                        DEVICE.ENABLED,
                        ACCOUNT.ENABLED,
                        BASIC_CREDENTIAL.PERMISSIONS,
                        BASIC_CREDENTIAL.SESSIONS,
                        ACCOUNT.TOPIC_SPACE,
                        DEVICE.GATEWAY,
                        DEVICE.PROFILE_ID)
                .from(BASIC_CREDENTIAL)
                .join(DEVICE)
                .on(DEVICE.ID.eq(BASIC_CREDENTIAL.DEVICE_ID))
                .join(ACCOUNT)
                .on(ACCOUNT.ID.eq(DEVICE.ACCOUNT_ID))
                .where(which)
                .forEach(row -> {
                    final var rule = new ClientIdRule(row.value5(), row.value6());
                    candidates.add(new BasicCandidate(
                            row.value1(),
                            Role.DEVICE,
                            row.value2(),
                            row.value3(),
                            row.value4(),
                            rule,
                            Optional.ofNullable(row.value7()),
                            row.value8() == null && row.value9() && row.value10(),
                            ExtraPermissions.parse(row.value11()),
                            SessionPolicy.of(row.value12(), rule),
                            TopicSpace.of(row.value2(), row.value13()),
                            new DeviceTraits(row.value14(), row.value15())));
                });
        if (key.username() != null) {
            dsl.select(ACCOUNT.ID, ACCOUNT.SECRET_HASH, ACCOUNT.ADMIN, ACCOUNT.ENABLED, ACCOUNT.TOPIC_SPACE)
                    .from(ACCOUNT)
                    .where(ACCOUNT.ID.eq(key.username()))
                    .forEach(row -> candidates.add(new BasicCandidate(
                            "account:" + row.value1(),
                            row.value3() ? Role.ADMIN : Role.APP,
                            row.value1(),
                            null,
                            null,
                            appClientIds,
                            Optional.of(row.value2()),
                            row.value4(),
                            List.of(),
                            SessionPolicy.PER_CLIENT_ID,
                            TopicSpace.of(row.value1(), row.value5()),
                            DeviceTraits.PLAIN)));
        }
        return List.copyOf(candidates);
    }
}
