package io.hiveiot.tracking.group;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.tracking.schema.Tables.DEVICE_GROUP;
import static io.hiveiot.tracking.schema.Tables.FAMILY;
import static io.hiveiot.tracking.schema.Tables.GROUP_MEMBER;

/**
 * Families made through the tracking service, stored in tracking.db, and the in-memory {@link Families}
 * they are served from. Every change is committed first and shows in memory afterwards, so a group is
 * never in use before it is stored. A change through another broker node of the database arrives through
 * {@link Notifications} with its commit: the families are read again.
 */
public final class GroupStore implements Notifications.Listener {

    private static final Logger log = LoggerFactory.getLogger(GroupStore.class);
    private static final String CHANNEL = "families";

    private final Database database;
    private final Families families;
    private final Notifications notifications;
    private volatile List<FamilyConfig> configured = List.of();

    public GroupStore(final Database database, final Families families, final Notifications notifications) {
        this.database = database;
        this.families = families;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this);
    }

    @Override
    public void message(final String family) {
        reload();
    }

    @Override
    public void missed() {
        reload();
    }

    private void reload() {
        load(configured).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn(
                        "hive-iot-tracking: families not read again after another node changed them: {}",
                        failure.toString());
            }
        });
    }

    /**
     * Fills {@link Families} from the config and the database (at start, and when another node changed them). A
     * stored family whose name the config now uses is shadowed by the config's.
     */
    public CompletableFuture<Void> load(final List<FamilyConfig> configured) {
        this.configured = List.copyOf(configured);
        return database.read(dsl -> {
                    final Map<String, String> accounts = new HashMap<>();
                    dsl.selectFrom(FAMILY).fetch().forEach(row -> accounts.put(row.getName(), row.getAccount()));
                    final Map<String, Map<String, Set<String>>> groups = new HashMap<>();
                    dsl.selectFrom(DEVICE_GROUP)
                            .fetch()
                            .forEach(row -> groups.computeIfAbsent(row.getFamily(), family -> new HashMap<>())
                                    .computeIfAbsent(row.getName(), group -> new HashSet<>()));
                    dsl.selectFrom(GROUP_MEMBER)
                            .fetch()
                            .forEach(row -> groups.computeIfAbsent(row.getFamily(), family -> new HashMap<>())
                                    .computeIfAbsent(row.getGrp(), group -> new HashSet<>())
                                    .add(row.getDevice()));
                    final var stored = new HashMap<String, Family>();
                    accounts.forEach((name, account) ->
                            stored.put(name, new Family(name, account, false, groups.getOrDefault(name, Map.of()))));
                    return stored;
                })
                .thenAccept(stored -> {
                    configured.forEach(family -> stored.put(
                            family.name(), new Family(family.name(), family.account(), true, family.groups())));
                    families.replaceAll(stored.values());
                });
    }

    public CompletableFuture<Family> createFamily(final String name, final String account, final long now) {
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, name);
                    dsl.insertInto(FAMILY)
                            .set(FAMILY.NAME, name)
                            .set(FAMILY.ACCOUNT, account)
                            .set(FAMILY.CREATED_AT, now)
                            .execute();
                    return new Family(name, account, false, Map.of());
                })
                .thenApply(this::published);
    }

    public CompletableFuture<Void> deleteFamily(final String name) {
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, name);
                    dsl.deleteFrom(GROUP_MEMBER)
                            .where(GROUP_MEMBER.FAMILY.eq(name))
                            .execute();
                    dsl.deleteFrom(DEVICE_GROUP)
                            .where(DEVICE_GROUP.FAMILY.eq(name))
                            .execute();
                    return dsl.deleteFrom(FAMILY).where(FAMILY.NAME.eq(name)).execute();
                })
                .thenRun(() -> families.remove(name));
    }

    /**
     * Creates the group when missing, then adds and removes members. Memory applies the same change to the
     * family as it is then, so concurrent changes to one family are all kept.
     */
    public CompletableFuture<Family> changeGroup(
            final String family, final String group, final Set<String> added, final Set<String> removed) {
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, family);
                    dsl.insertInto(DEVICE_GROUP)
                            .set(DEVICE_GROUP.FAMILY, family)
                            .set(DEVICE_GROUP.NAME, group)
                            .onConflictDoNothing()
                            .execute();
                    for (final String member : added) {
                        dsl.insertInto(GROUP_MEMBER)
                                .set(GROUP_MEMBER.FAMILY, family)
                                .set(GROUP_MEMBER.GRP, group)
                                .set(GROUP_MEMBER.DEVICE, member)
                                .onConflictDoNothing()
                                .execute();
                    }
                    if (!removed.isEmpty()) {
                        dsl.deleteFrom(GROUP_MEMBER)
                                .where(GROUP_MEMBER
                                        .FAMILY
                                        .eq(family)
                                        .and(GROUP_MEMBER.GRP.eq(group))
                                        .and(GROUP_MEMBER.DEVICE.in(removed)))
                                .execute();
                    }
                    return family;
                })
                .thenApply(name -> published(current(name)
                        .withGroup(group, Family.changed(current(name).members(group), added, removed))));
    }

    public CompletableFuture<Family> deleteGroup(final String family, final String group) {
        return database.write(dsl -> {
                    notifications.send(dsl, CHANNEL, family);
                    dsl.deleteFrom(GROUP_MEMBER)
                            .where(GROUP_MEMBER.FAMILY.eq(family).and(GROUP_MEMBER.GRP.eq(group)))
                            .execute();
                    dsl.deleteFrom(DEVICE_GROUP)
                            .where(DEVICE_GROUP.FAMILY.eq(family).and(DEVICE_GROUP.NAME.eq(group)))
                            .execute();
                    return family;
                })
                .thenApply(name -> published(current(name).withoutGroup(group)));
    }

    private Family current(final String name) {
        return families.find(name).orElseThrow(() -> new IllegalStateException("family " + name + " is gone"));
    }

    private Family published(final Family family) {
        families.put(family);
        return family;
    }
}
