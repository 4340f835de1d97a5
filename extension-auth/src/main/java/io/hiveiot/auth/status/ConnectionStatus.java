package io.hiveiot.auth.status;

import io.hiveiot.registry.sqlite.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static io.hiveiot.auth.schema.Tables.DEVICE_STATUS;

/**
 * A device's {@code active}, {@code lastConnectTime} and {@code lastDisconnectTime} in auth.db.
 * <p>
 * A device may hold several connections (session eviction off, or the moment of a takeover, when the
 * new connection authenticates before the old one is closed), so it counts them: it becomes inactive
 * only when its last connection closes. Each change is queued to the writer inside the per-device
 * count update, so the database sees a device's changes in the order they happened.
 */
public final class ConnectionStatus {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStatus.class);

    private final Database database;
    private final Clock clock;
    private final ConcurrentMap<String, Integer> liveConnections = new ConcurrentHashMap<>();

    private ConnectionStatus(final Database database, final Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Starts tracking. No client is connected when the extension starts, so every device still
     * marked active (the broker stopped or crashed with it connected) is marked inactive first.
     */
    public static ConnectionStatus start(final Database database, final Clock clock) {
        database.write(dsl -> dsl.update(DEVICE_STATUS).set(DEVICE_STATUS.ACTIVE, false)
                .where(DEVICE_STATUS.ACTIVE.isTrue()).execute()).join();
        return new ConnectionStatus(database, clock);
    }

    void connected(final String deviceId) {
        liveConnections.compute(deviceId, (id, count) -> {
            final long now = clock.millis();
            record(database.write(dsl -> dsl.insertInto(DEVICE_STATUS)
                    .set(DEVICE_STATUS.DEVICE_ID, id)
                    .set(DEVICE_STATUS.ACTIVE, true)
                    .set(DEVICE_STATUS.LAST_CONNECT_TIME, now)
                    .set(DEVICE_STATUS.LAST_ACTIVITY_TIME, now)
                    .onConflict(DEVICE_STATUS.DEVICE_ID).doUpdate()
                    .set(DEVICE_STATUS.ACTIVE, true)
                    .set(DEVICE_STATUS.LAST_CONNECT_TIME, now)
                    .set(DEVICE_STATUS.LAST_ACTIVITY_TIME, now)
                    .execute()), id);
            return count == null ? 1 : count + 1;
        });
    }

    void disconnected(final String deviceId) {
        liveConnections.compute(deviceId, (id, count) -> {
            if (count != null && count > 1) {
                return count - 1;
            }
            final long now = clock.millis();
            record(database.write(dsl -> dsl.update(DEVICE_STATUS)
                    .set(DEVICE_STATUS.ACTIVE, false)
                    .set(DEVICE_STATUS.LAST_DISCONNECT_TIME, now)
                    .where(DEVICE_STATUS.DEVICE_ID.eq(id))
                    .execute()), id);
            return null;
        });
    }

    /** Connections of a device that are open right now. */
    public int liveConnections(final String deviceId) {
        return liveConnections.getOrDefault(deviceId, 0);
    }

    private static void record(final CompletableFuture<Integer> write, final String deviceId) {
        write.whenComplete((rows, error) -> {
            if (error != null) {
                log.warn("hive-iot-auth: connection status of device {} not stored: {}", deviceId, error.getMessage());
            }
        });
    }
}
