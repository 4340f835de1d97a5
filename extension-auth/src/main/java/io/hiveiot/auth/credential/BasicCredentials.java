package io.hiveiot.auth.credential;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hiveiot.auth.acl.ExtraPermissions;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.database.Database;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.schema.Tables.ACCOUNT;
import static io.hiveiot.auth.schema.Tables.BASIC_CREDENTIAL;
import static io.hiveiot.auth.schema.Tables.DEVICE;

/**
 * The credentials a username may stand for, read on the database's read threads and cached by
 * username for a short time (a reconnect storm of a Thinger fleet shares one username).
 */
public final class BasicCredentials {

    private final Database database;
    private final ClientIdRule appClientIds;
    private final AsyncLoadingCache<String, List<BasicCandidate>> cache;

    /**
     * @param appClientIds the client IDs an account's applications may use, e.g. Sensoro's
     *                     {@code ^${username}(/[-_0-9a-zA-Z]{0,36})?$}
     */
    public BasicCredentials(final Database database, final ClientIdRule appClientIds, final int maximumSize,
                            final Duration expireAfter) {
        this.database = database;
        this.appClientIds = appClientIds;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfter)
                .buildAsync((username, executor) -> database.read(dsl -> load(dsl, username)));
    }

    public CompletableFuture<List<BasicCandidate>> candidates(final String username) {
        return cache.get(username);
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    private List<BasicCandidate> load(final DSLContext dsl, final String username) {
        final var candidates = new ArrayList<BasicCandidate>();
        dsl.select(BASIC_CREDENTIAL.ID, DEVICE.ACCOUNT_ID, DEVICE.ID, DEVICE.NAME, BASIC_CREDENTIAL.CLIENT_ID,
                        BASIC_CREDENTIAL.CLIENT_ID_REGEX, BASIC_CREDENTIAL.PASSWORD_HASH, BASIC_CREDENTIAL.REVOKED_AT,
                        DEVICE.ENABLED, ACCOUNT.ENABLED, BASIC_CREDENTIAL.PERMISSIONS, DEVICE.GATEWAY,
                        DEVICE.PROFILE_ID)
                .from(BASIC_CREDENTIAL)
                .join(DEVICE).on(DEVICE.ID.eq(BASIC_CREDENTIAL.DEVICE_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(DEVICE.ACCOUNT_ID))
                .where(BASIC_CREDENTIAL.USERNAME.eq(username))
                .forEach(row -> candidates.add(new BasicCandidate(row.value1(), Role.DEVICE, row.value2(),
                        row.value3(), row.value4(), new ClientIdRule(row.value5(), row.value6()), row.value7(),
                        row.value8() == null && row.value9() && row.value10(), ExtraPermissions.parse(row.value11()),
                        new DeviceTraits(row.value12(), row.value13()))));
        dsl.select(ACCOUNT.ID, ACCOUNT.SECRET_HASH, ACCOUNT.ADMIN, ACCOUNT.ENABLED)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(username))
                .forEach(row -> candidates.add(new BasicCandidate("account:" + row.value1(),
                        row.value3() ? Role.ADMIN : Role.APP, row.value1(), null, null, appClientIds, row.value2(),
                        row.value4(), List.of(), DeviceTraits.PLAIN)));
        return List.copyOf(candidates);
    }
}
