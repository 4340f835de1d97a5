package io.hiveiot.auth.status;

import com.codahale.metrics.Counter;
import io.hiveiot.kit.api.DeviceStream;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static io.hiveiot.auth.schema.Tables.DEVICE_STATUS;

/**
 * Which connections each device has right now, and its {@code active}, {@code lastConnectTime} and
 * {@code lastDisconnectTime} in auth.db.
 * <p>
 * Connections are counted per broker-side client ID: during a takeover the new connection
 * authenticates before the old one with the same client ID is closed, so one client ID may briefly
 * count twice. A device becomes inactive only when its last connection closes, and only then is
 * {@code disconnected} published on the account's stream ({@code connected} with its first one). Each change is queued
 * to the writer inside the per-device update, so the database sees a device's changes in the order
 * they happened.
 */
public final class ConnectionStatus {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStatus.class);
    /** Marks a sub-device's connection through a gateway: never a client ID (the prefix is reserved). */
    private static final String VIA_GATEWAY = "hive-iot:via-gateway:";

    private final Database database;
    private final Clock clock;
    private final StreamSubscriptions streamSubscriptions;
    private final Counter unsubscribedEvents;
    /** Device id to its broker-side client IDs, each with its count and whether it holds a per-device session. */
    private final ConcurrentMap<String, Map<String, Live>> liveConnections = new ConcurrentHashMap<>();

    private record Live(int count, boolean perDevice) {
    }
    private final StatementCache statements = new StatementCache();

    /** Parameters: the time, the device's id, the time again (both engines bind positional parameters only). */
    private static final String CONNECTED = "INSERT INTO device_status (last_connect_time, device_id, active, "
            + "last_activity_time) VALUES (?, ?, TRUE, ?) ON CONFLICT (device_id) DO UPDATE SET active = TRUE, "
            + "last_connect_time = excluded.last_connect_time, last_activity_time = excluded.last_activity_time";
    private static final String DISCONNECTED =
            "UPDATE device_status SET active = FALSE, last_disconnect_time = ? WHERE device_id = ?";

    private ConnectionStatus(final Database database, final Clock clock,
                             final StreamSubscriptions streamSubscriptions, final Counter unsubscribedEvents) {
        this.database = database;
        this.clock = clock;
        this.streamSubscriptions = streamSubscriptions;
        this.unsubscribedEvents = unsubscribedEvents;
    }

    /**
     * Starts tracking. No client is connected when the extension starts, so every device still
     * marked active (the broker stopped or crashed with it connected) is marked inactive first.
     * Connection events of an account whose stream nobody can be subscribed to are not published, only counted.
     */
    public static ConnectionStatus start(final Database database, final Clock clock,
                                         final StreamSubscriptions streamSubscriptions,
                                         final Counter unsubscribedEvents) {
        database.write(dsl -> dsl.update(DEVICE_STATUS).set(DEVICE_STATUS.ACTIVE, false)
                .where(DEVICE_STATUS.ACTIVE.isTrue()).execute()).join();
        return new ConnectionStatus(database, clock, streamSubscriptions, unsubscribedEvents);
    }

    /**
     * A sub-device is connected through a gateway's connection (its gateway said {@code v1/gateway/connect}, or
     * sent its first data). It counts as a connection of the sub-device that is no MQTT connection of its own and
     * holds no per-device session, so it neither takes over the sub-device's own connections nor is taken over by
     * them, and closing the sub-device's sessions never closes its gateway.
     */
    public void subDeviceConnected(final ClientIdentity subDevice, final String gatewayClientId) {
        connected(subDevice, VIA_GATEWAY + gatewayClientId, false);
    }

    /** The sub-device's gateway disconnected it, or the gateway's connection ended. */
    public void subDeviceDisconnected(final ClientIdentity subDevice, final String gatewayClientId) {
        disconnected(subDevice, VIA_GATEWAY + gatewayClientId);
    }

    /**
     * @param perDevice the connection holds the device's one session (its credential's policy)
     * @return the device's other connections with a per-device session (other broker-side client IDs) open at this
     * moment, which a per-device connection takes over; none for a connection with a session per client ID
     */
    List<String> connected(final ClientIdentity device, final String clientId, final boolean perDevice) {
        final var others = new ArrayList<String>();
        liveConnections.compute(device.deviceId(), (id, clients) -> {
            final Map<String, Live> updated = clients == null ? new HashMap<>() : clients;
            if (updated.isEmpty()) {
                publish(device, "connected");
            }
            if (perDevice) {
                updated.forEach((other, live) -> {
                    if (live.perDevice() && !other.equals(clientId)) {
                        others.add(other);
                    }
                });
            }
            updated.merge(clientId, new Live(1, perDevice), (old, added) -> new Live(old.count() + 1, perDevice));
            final long now = clock.millis();
            record(database.write(dsl -> execute(dsl, CONNECTED, id, now)), id);
            return updated;
        });
        return others;
    }

    void disconnected(final ClientIdentity device, final String clientId) {
        liveConnections.computeIfPresent(device.deviceId(), (id, clients) -> {
            clients.computeIfPresent(clientId, (client, live) -> live.count() > 1
                    ? new Live(live.count() - 1, live.perDevice())
                    : null);
            if (!clients.isEmpty()) {
                return clients;
            }
            final long now = clock.millis();
            record(database.write(dsl -> execute(dsl, DISCONNECTED, id, now)), id);
            publish(device, "disconnected");
            return null;
        });
    }

    /** The broker-side client IDs of the device's own open MQTT connections (not those through a gateway). */
    public List<String> liveClientIds(final String deviceId) {
        final var clientIds = new ArrayList<String>();
        // Read under the map's per-key lock, which every change holds too.
        liveConnections.computeIfPresent(deviceId, (id, clients) -> {
            clients.keySet().stream().filter(clientId -> !clientId.startsWith(VIA_GATEWAY)).forEach(clientIds::add);
            return clients;
        });
        return clientIds;
    }

    /** Runs one of the status statements, kept prepared on the writer: every CONNECT writes one. */
    private int execute(final DSLContext dsl, final String sql, final String deviceId, final long now) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement statement = statements.get(connection, sql);
            statement.setLong(1, now);
            statement.setString(2, deviceId);
            if (sql.equals(CONNECTED)) {
                statement.setLong(3, now);
            }
            return statement.executeUpdate();
        });
    }

    /** {@code connected} / {@code disconnected} on the account's stream; this extension owns both. */
    private void publish(final ClientIdentity device, final String event) {
        if (!streamSubscriptions.mayReach(device.account())) {
            unsubscribedEvents.inc();
            return;
        }
        final var data = DeviceStream.data().put("clientId", device.clientId());
        DeviceStream.publish(device.account(), device.deviceName(), device.deviceId(), event, clock.millis(), data)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.debug("hive-iot-auth: {} event of device {} not published: {}", event, device.deviceId(),
                                error.toString());
                    }
                });
    }

    private static void record(final CompletableFuture<Integer> write, final String deviceId) {
        write.whenComplete((rows, error) -> {
            if (error != null) {
                log.warn("hive-iot-auth: connection status of device {} not stored: {}", deviceId, error.getMessage());
            }
        });
    }
}
