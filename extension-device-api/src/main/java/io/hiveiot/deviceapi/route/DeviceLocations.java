package io.hiveiot.deviceapi.route;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    public DeviceLocations(final Database database, final Notifications notifications) {
        this.database = database;
        this.notifications = notifications;
    }

    /** The device connected to this node (again): recorded, whether or not it was already. */
    public void here(final String deviceId, final long now) {
        if (notifications.shared()) {
            logFailure(
                    database.write(dsl -> dsl.insertInto(DEVICE_NODE)
                            .set(DEVICE_NODE.DEVICE_ID, deviceId)
                            .set(DEVICE_NODE.NODE, notifications.node())
                            .set(DEVICE_NODE.SINCE, now)
                            .onConflict(DEVICE_NODE.DEVICE_ID, DEVICE_NODE.NODE)
                            .doUpdate()
                            .set(DEVICE_NODE.SINCE, now)
                            .execute()),
                    deviceId);
        }
    }

    /** The device's last connection to this node ended. */
    public void gone(final String deviceId) {
        if (notifications.shared()) {
            logFailure(
                    database.write(dsl -> dsl.deleteFrom(DEVICE_NODE)
                            .where(DEVICE_NODE.DEVICE_ID.eq(deviceId).and(DEVICE_NODE.NODE.eq(notifications.node())))
                            .execute()),
                    deviceId);
        }
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

    private static void logFailure(final CompletableFuture<Integer> write, final String deviceId) {
        write.whenComplete((rows, failure) -> {
            if (failure != null) {
                log.warn(
                        "hive-iot-device-api: where device {} is connected was not recorded: {}",
                        deviceId,
                        failure.toString());
            }
        });
    }
}
