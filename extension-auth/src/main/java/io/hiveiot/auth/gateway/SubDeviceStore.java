package io.hiveiot.auth.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hiveiot.kit.database.Database;
import org.jooq.DSLContext;
import org.jooq.Record2;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.schema.Tables.DEVICE;
import static io.hiveiot.auth.schema.Tables.DEVICE_STATUS;

/**
 * The sub-devices of gateways in auth.db. A gateway names its devices; a name is its sub-device if the gateway
 * created it, and a name that exists nowhere in the gateway's account is created as its sub-device on first use,
 * as ThingsBoard creates devices on a gateway's first message about them, up to a limit per gateway. Known
 * sub-devices are cached, so a gateway's steady traffic never reads the database; misses and creations run on
 * the database's writer, which also keeps two gateways from creating one name twice.
 */
public final class SubDeviceStore {

    /** A name resolved for one gateway: the sub-device's id, or why the gateway may not use the name. */
    record Outcome(String deviceId, SubDeviceRefusal refusal) {

        boolean accepted() {
            return deviceId != null;
        }
    }

    private record Key(String gatewayId, String name) {}

    private static final int MAX_NAME_LENGTH = 255;

    private final Database database;
    private final Clock clock;
    private final int maxPerGateway;
    private final Cache<Key, String> known;

    public SubDeviceStore(
            final Database database,
            final Clock clock,
            final int maxPerGateway,
            final int cacheSize,
            final Duration expireAfter) {
        this.database = database;
        this.clock = clock;
        this.maxPerGateway = maxPerGateway;
        this.known = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .expireAfterAccess(expireAfter)
                .build();
    }

    /**
     * The outcome for each name, in the given order; completes at once when every name is known.
     *
     * @param onCreated counts the sub-devices this call created
     */
    CompletableFuture<Map<String, Outcome>> resolve(
            final String account, final String gatewayId, final List<String> names, final Runnable onCreated) {
        final Map<String, Outcome> outcomes = new LinkedHashMap<>();
        boolean missing = false;
        for (final String name : names) {
            final String id = known.getIfPresent(new Key(gatewayId, name));
            if (id != null) {
                outcomes.put(name, new Outcome(id, null));
            } else if (!validName(name)) {
                outcomes.put(name, new Outcome(null, SubDeviceRefusal.BAD_NAME));
            } else {
                missing = true;
            }
        }
        if (!missing) {
            return CompletableFuture.completedFuture(outcomes);
        }
        final long now = clock.millis();
        return database.write(dsl -> {
                    final Map<String, Outcome> resolved = new LinkedHashMap<>(outcomes);
                    final List<String> created = new ArrayList<>();
                    for (final String name : names) {
                        if (resolved.containsKey(name)) {
                            continue;
                        }
                        final Record2<String, String> existing = dsl.select(DEVICE.ID, DEVICE.GATEWAY_ID)
                                .from(DEVICE)
                                .where(DEVICE.ACCOUNT_ID.eq(account))
                                .and(DEVICE.NAME.eq(name))
                                .fetchOne();
                        if (existing == null) {
                            created.add(name);
                        } else {
                            resolved.put(
                                    name,
                                    gatewayId.equals(existing.value2())
                                            ? new Outcome(existing.value1(), null)
                                            : new Outcome(null, SubDeviceRefusal.NOT_OURS));
                        }
                    }
                    // A publish is refused whole, so a refused one creates nothing.
                    if (!created.isEmpty() && resolved.values().stream().allMatch(Outcome::accepted)) {
                        if (dsl.fetchCount(DEVICE, DEVICE.GATEWAY_ID.eq(gatewayId)) + created.size() > maxPerGateway) {
                            created.forEach(name -> resolved.put(name, new Outcome(null, SubDeviceRefusal.LIMIT)));
                        } else {
                            for (final String name : created) {
                                resolved.put(name, new Outcome(insert(dsl, account, gatewayId, name, now), null));
                                onCreated.run();
                            }
                        }
                    }
                    return refusalsFirst(names, resolved);
                })
                .thenApply(resolved -> {
                    resolved.forEach((name, outcome) -> {
                        if (outcome.accepted()) {
                            known.put(new Key(gatewayId, name), outcome.deviceId());
                        }
                    });
                    return resolved;
                });
    }

    /**
     * The outcomes with the names that were refused first (the publish is answered with the first), and the new
     * names that were not created because of them after, refused alike.
     */
    private static Map<String, Outcome> refusalsFirst(final List<String> names, final Map<String, Outcome> resolved) {
        final Map<String, Outcome> ordered = new LinkedHashMap<>();
        resolved.forEach((name, outcome) -> {
            if (!outcome.accepted()) {
                ordered.put(name, outcome);
            }
        });
        final Outcome notCreated = ordered.values().stream().findFirst().orElse(null);
        for (final String name : names) {
            ordered.putIfAbsent(name, resolved.getOrDefault(name, notCreated));
        }
        return ordered;
    }

    /** After the registry changed (a device deleted, claimed or moved): names are looked up again. */
    public void invalidateAll() {
        known.invalidateAll();
    }

    private static String insert(
            final DSLContext dsl, final String account, final String gatewayId, final String name, final long now) {
        final String id = UUID.randomUUID().toString();
        dsl.insertInto(DEVICE)
                .set(DEVICE.ID, id)
                .set(DEVICE.ACCOUNT_ID, account)
                .set(DEVICE.NAME, name)
                .set(DEVICE.CREATED_AT, now)
                .set(DEVICE.GATEWAY_ID, gatewayId)
                .execute();
        dsl.insertInto(DEVICE_STATUS).set(DEVICE_STATUS.DEVICE_ID, id).execute();
        return id;
    }

    private static boolean validName(final String name) {
        return !name.isEmpty()
                && name.length() <= MAX_NAME_LENGTH
                && name.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
    }
}
