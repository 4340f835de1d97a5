package io.hiveiot.tracking.tracker;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.tracking.schema.tables.records.TrackerRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.tracking.schema.Tables.POSITION;
import static io.hiveiot.tracking.schema.Tables.TRACKER;

/**
 * What tracking messages read and write: a device looked up by (account, uid) on a read thread, and its
 * updates, pings and disconnects on the writer thread. An update stores the values and one history row in
 * the same transaction and returns the device as committed. A device is connected through one connection: its
 * broker node and client ID, so that with several broker nodes on the database a disconnect on one node never ends
 * a newer connection on another.
 */
public final class TrackerStore {

    private static final List<Field<String>> DATA = List.of(TRACKER.DATA1, TRACKER.DATA2, TRACKER.DATA3, TRACKER.DATA4);

    /** A device and its key hash, for checking a message's key. */
    public record Credentialed(Tracker tracker, String keyHash) {}

    private final Database database;
    private final Notifications notifications;

    public TrackerStore(final Database database, final Notifications notifications) {
        this.database = database;
        this.notifications = notifications;
    }

    public CompletableFuture<Optional<Credentialed>> find(final String account, final String uid) {
        return database.read(dsl -> dsl.selectFrom(TRACKER)
                .where(TRACKER.ACCOUNT.eq(account).and(TRACKER.UID.eq(uid)))
                .fetchOptional()
                .map(row -> new Credentialed(Tracker.of(row), row.getKeyHash())));
    }

    /**
     * Applies the reported values, marks the device connected through {@code brokerClientId}, appends a
     * history row; completes with the device after the commit, or empty when it was deleted meanwhile.
     */
    public CompletableFuture<Optional<Tracker>> update(
            final String trackerId, final Reported reported, final String brokerClientId, final long now) {
        return database.write(dsl -> {
            final Map<Field<?>, Object> changes = new HashMap<>();
            if (reported.longitude() != null) {
                changes.put(TRACKER.LONGITUDE, reported.longitude());
            }
            if (reported.latitude() != null) {
                changes.put(TRACKER.LATITUDE, reported.latitude());
            }
            for (int i = 0; i < Reported.DATA_FIELDS; i++) {
                if (reported.data(i) != null) {
                    changes.put(DATA.get(i), reported.data(i));
                }
            }
            changes.put(TRACKER.CONNECTED, true);
            changes.put(TRACKER.CONNECTED_CLIENT, brokerClientId);
            changes.put(TRACKER.CONNECTED_NODE, notifications.node());
            changes.put(TRACKER.LAST_SEEN, now);
            if (dsl.update(TRACKER).set(changes).where(TRACKER.ID.eq(trackerId)).execute() == 0) {
                return Optional.empty();
            }
            final Tracker updated = Tracker.of(row(dsl, trackerId));
            final Reported values = updated.reported();
            dsl.insertInto(POSITION)
                    .set(POSITION.TRACKER_ID, trackerId)
                    .set(POSITION.TS, now)
                    .set(POSITION.LONGITUDE, values.longitude())
                    .set(POSITION.LATITUDE, values.latitude())
                    .set(POSITION.DATA1, values.data(0))
                    .set(POSITION.DATA2, values.data(1))
                    .set(POSITION.DATA3, values.data(2))
                    .set(POSITION.DATA4, values.data(3))
                    .execute();
            return Optional.of(updated);
        });
    }

    /** Marks the device connected through {@code brokerClientId} and seen now. */
    public CompletableFuture<Integer> ping(final String trackerId, final String brokerClientId, final long now) {
        return database.write(dsl -> dsl.update(TRACKER)
                .set(TRACKER.CONNECTED, true)
                .set(TRACKER.CONNECTED_CLIENT, brokerClientId)
                .set(TRACKER.CONNECTED_NODE, notifications.node())
                .set(TRACKER.LAST_SEEN, now)
                .where(TRACKER.ID.eq(trackerId))
                .execute());
    }

    /**
     * The connection {@code brokerClientId} of this node closed: its devices are disconnected, unless another
     * connection has reported for them since.
     */
    public CompletableFuture<Integer> disconnected(final Collection<String> trackerIds, final String brokerClientId) {
        return database.write(dsl -> disconnect(
                dsl,
                TRACKER.ID
                        .in(trackerIds)
                        .and(TRACKER.CONNECTED_CLIENT.eq(brokerClientId))
                        .and(TRACKER.CONNECTED_NODE.eq(notifications.node()))));
    }

    /**
     * Disconnects the devices whose connection was on a broker node that stopped (at start: this node's earlier
     * run too, whatever the database says from before a crash), and forgets those nodes.
     */
    public CompletableFuture<Integer> disconnectStoppedNodes() {
        return notifications
                .deadNodes()
                .thenCompose(dead -> database.write(dsl -> {
                    final int disconnected = disconnect(
                            dsl,
                            TRACKER.CONNECTED
                                    .isTrue()
                                    .and(TRACKER.CONNECTED_NODE.isNull().or(TRACKER.CONNECTED_NODE.in(dead))));
                    dead.forEach(node -> notifications.forget(dsl, node));
                    return disconnected;
                }));
    }

    private static int disconnect(final DSLContext dsl, final Condition which) {
        return dsl.update(TRACKER)
                .set(TRACKER.CONNECTED, false)
                .setNull(TRACKER.CONNECTED_CLIENT)
                .setNull(TRACKER.CONNECTED_NODE)
                .where(which)
                .execute();
    }

    static TrackerRecord row(final DSLContext dsl, final String trackerId) {
        return dsl.selectFrom(TRACKER).where(TRACKER.ID.eq(trackerId)).fetchSingle();
    }
}
