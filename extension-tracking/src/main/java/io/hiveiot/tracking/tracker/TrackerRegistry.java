package io.hiveiot.tracking.tracker;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.tracking.schema.tables.records.TrackerRecord;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.tracking.schema.Tables.POSITION;
import static io.hiveiot.tracking.schema.Tables.TRACKER;

/**
 * The tracking service's view of an account's devices: create, list, change, delete, new key. Every op is
 * confined to the requester's account; a uid of another account is "not found".
 */
public final class TrackerRegistry {

    private static final List<Field<String>> UNITS =
            List.of(TRACKER.DATA1_UNIT, TRACKER.DATA2_UNIT, TRACKER.DATA3_UNIT, TRACKER.DATA4_UNIT);

    private final Database database;
    private final Clock clock;

    public TrackerRegistry(final Database database, final Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A new device with the key whose hash is given; {@code conflict} when the uid is taken in the account. */
    public CompletableFuture<Tracker> create(
            final String account,
            final String uid,
            final String keyHash,
            final String name,
            final String type,
            final TrackerSettings settings) {
        final long now = clock.millis();
        return database.write(dsl -> {
            if (find(dsl, account, uid).isPresent()) {
                throw new ApiException(ApiException.CONFLICT, "the account already has a device with uid " + uid);
            }
            final String id = UUID.randomUUID().toString();
            dsl.insertInto(TRACKER)
                    .set(TRACKER.ID, id)
                    .set(TRACKER.ACCOUNT, account)
                    .set(TRACKER.UID, uid)
                    .set(TRACKER.KEY_HASH, keyHash)
                    .set(TRACKER.NAME, name)
                    .set(TRACKER.TYPE, type)
                    .set(TRACKER.CREATED_AT, now)
                    .execute();
            apply(dsl, id, settings);
            return Tracker.of(TrackerStore.row(dsl, id));
        });
    }

    public CompletableFuture<Tracker> get(final String account, final String uid) {
        return database.read(dsl -> Tracker.of(existing(dsl, account, uid)));
    }

    /** Up to {@code limit} devices by uid, after {@code cursor}. */
    public CompletableFuture<List<Tracker>> list(final String account, final Optional<String> cursor, final int limit) {
        return database.read(dsl -> dsl.selectFrom(TRACKER)
                .where(TRACKER.ACCOUNT
                        .eq(account)
                        .and(cursor.map(TRACKER.UID::gt).orElse(TRACKER.UID.isNotNull())))
                .orderBy(TRACKER.UID)
                .limit(limit)
                .fetch(Tracker::of));
    }

    public CompletableFuture<Tracker> change(final String account, final String uid, final TrackerSettings settings) {
        return database.write(dsl -> {
            final TrackerRecord row = existing(dsl, account, uid);
            apply(dsl, row.getId(), settings);
            return Tracker.of(TrackerStore.row(dsl, row.getId()));
        });
    }

    /** Deletes the device and its history. */
    public CompletableFuture<Tracker> delete(final String account, final String uid) {
        return database.write(dsl -> {
            final TrackerRecord row = existing(dsl, account, uid);
            dsl.deleteFrom(POSITION).where(POSITION.TRACKER_ID.eq(row.getId())).execute();
            dsl.deleteFrom(TRACKER).where(TRACKER.ID.eq(row.getId())).execute();
            return Tracker.of(row);
        });
    }

    /** Replaces the key; the old one stops working with the commit. */
    public CompletableFuture<Tracker> replaceKey(final String account, final String uid, final String keyHash) {
        return database.write(dsl -> {
            final TrackerRecord row = existing(dsl, account, uid);
            dsl.update(TRACKER)
                    .set(TRACKER.KEY_HASH, keyHash)
                    .where(TRACKER.ID.eq(row.getId()))
                    .execute();
            return Tracker.of(row);
        });
    }

    private static void apply(final DSLContext dsl, final String id, final TrackerSettings settings) {
        final Map<Field<?>, Object> changes = new HashMap<>();
        settings.name().ifPresent(name -> changes.put(TRACKER.NAME, name));
        settings.type().ifPresent(type -> changes.put(TRACKER.TYPE, type));
        for (int i = 0; i < UNITS.size(); i++) {
            final Field<String> unit = UNITS.get(i);
            settings.units().get(i).ifPresent(value -> changes.put(unit, value));
        }
        settings.publishEnabled().ifPresent(enabled -> changes.put(TRACKER.PUBLISH_ENABLED, enabled));
        settings.publishTopic().ifPresent(topic -> changes.put(TRACKER.PUBLISH_TOPIC, topic.orElse(null)));
        if (!changes.isEmpty()) {
            dsl.update(TRACKER).set(changes).where(TRACKER.ID.eq(id)).execute();
        }
        final TrackerRecord row = TrackerStore.row(dsl, id);
        if (row.getPublishEnabled() && row.getPublishTopic() == null) {
            // Thrown inside the write: its savepoint is rolled back and nothing of the op stays.
            throw ApiException.badRequest("publishing needs a topic: set args.publish.topic");
        }
    }

    static Optional<TrackerRecord> find(final DSLContext dsl, final String account, final String uid) {
        return dsl.selectFrom(TRACKER)
                .where(TRACKER.ACCOUNT.eq(account).and(TRACKER.UID.eq(uid)))
                .fetchOptional();
    }

    static TrackerRecord existing(final DSLContext dsl, final String account, final String uid) {
        return find(dsl, account, uid).orElseThrow(() -> ApiException.notFound("no tracking device with uid " + uid));
    }
}
