package io.hiveiot.deviceapi.route;

import io.hiveiot.kit.database.CoalescedWrites;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.deviceapi.schema.Tables.DEVICE_NODE;

/**
 * Which other broker node holds a connection of a device, from {@code device_node}: each node records the devices
 * it holds (from a device's first connection on the node to its last one's end) and removes what stopped nodes
 * held. When the database is not shared (SQLite) this node is the only one, nothing is recorded and no device is
 * elsewhere.
 */
public final class DeviceLocations {

    private static final Logger log = LoggerFactory.getLogger(DeviceLocations.class);

    private final Database database;
    private final Notifications notifications;
    private final CoalescedWrites<Change, Void> changes;

    /** The device came to this node, or its last connection here ended. */
    private record Change(String deviceId, boolean here, long at) {}

    public DeviceLocations(final Database database, final Notifications notifications) {
        this.database = database;
        this.notifications = notifications;
        this.changes = new CoalescedWrites<>(database, this::write, new CoalescedWrites.Written<>() {
            @Override
            public void committed(final List<Change> written, final Void nothing) {}

            @Override
            public void failed(final List<Change> lost, final Throwable failure) {
                log.warn(
                        "hive-iot-device-api: where {} devices are connected was not recorded: {}",
                        lost.size(),
                        failure.toString());
            }
        });
    }

    /** The device connected to this node (again): recorded, whether or not it was already. */
    public void here(final String deviceId, final long now) {
        if (notifications.shared()) {
            changes.add(new Change(deviceId, true, now));
        }
    }

    /** The device's last connection to this node ended. */
    public void gone(final String deviceId) {
        if (notifications.shared()) {
            changes.add(new Change(deviceId, false, 0));
        }
    }

    /** The changes of a connect storm in one write, the last of each device deciding its row. */
    private Void write(final DSLContext dsl, final List<Change> queued) {
        final var last = new LinkedHashMap<String, Change>();
        queued.forEach(change -> last.put(change.deviceId(), change));
        final var statements = new ArrayList<Query>();
        for (final Change change : last.values()) {
            statements.add(
                    change.here()
                            ? dsl.insertInto(DEVICE_NODE)
                                    .set(DEVICE_NODE.DEVICE_ID, change.deviceId())
                                    .set(DEVICE_NODE.NODE, notifications.node())
                                    .set(DEVICE_NODE.SINCE, change.at())
                                    .onConflict(DEVICE_NODE.DEVICE_ID, DEVICE_NODE.NODE)
                                    .doUpdate()
                                    .set(DEVICE_NODE.SINCE, change.at())
                            : dsl.deleteFrom(DEVICE_NODE)
                                    .where(DEVICE_NODE.DEVICE_ID.eq(change.deviceId()))
                                    .and(DEVICE_NODE.NODE.eq(notifications.node())));
        }
        dsl.batch(statements).execute();
        return null;
    }

    /** The other node that holds the device (the one it connected to last), if any. */
    public CompletableFuture<Optional<Integer>> elsewhere(final String deviceId) {
        if (!notifications.shared()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return database.read(dsl -> dsl.select(DEVICE_NODE.NODE)
                .from(DEVICE_NODE)
                .where(DEVICE_NODE.DEVICE_ID.eq(deviceId).and(DEVICE_NODE.NODE.ne(notifications.node())))
                .orderBy(DEVICE_NODE.SINCE.desc())
                .limit(1)
                .fetchOptional(DEVICE_NODE.NODE));
    }

    /** Removes what stopped nodes held (at start: this node's earlier runs too), and forgets those nodes. */
    public CompletableFuture<Void> forgetStoppedNodes() {
        return notifications
                .deadNodes()
                .thenCompose(dead -> dead.isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : database.write(dsl -> {
                            removeNodes(dsl, dead);
                            return null;
                        }));
    }

    private void removeNodes(final DSLContext dsl, final Set<Integer> dead) {
        dsl.deleteFrom(DEVICE_NODE).where(DEVICE_NODE.NODE.in(dead)).execute();
        dead.forEach(node -> notifications.forget(dsl, node));
    }
}
