package io.hiveiot.auth.status;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hiveiot.auth.status.ConnectionRows.Transition;
import io.hiveiot.kit.api.DeviceStream;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.database.CoalescedWrites;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.kit.identity.ClientIdentity;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which connections each device has right now, and its {@code active}, {@code lastConnectTime} and
 * {@code lastDisconnectTime} in auth.db.
 * <p>
 * This node's connections are counted in memory per broker-side client ID: during a takeover the new connection
 * authenticates before the old one with the same client ID is closed, so one client ID may briefly count twice.
 * Each client ID of a device on this node is a row of {@code device_connection} ({@link ConnectionRows}), written
 * when it comes and goes, so that with several broker nodes on one database a device is active while any node holds
 * it: {@code connected} is published on the account's stream with the device's first connection on any node,
 * {@code disconnected} when its last one closes, both once the change is committed. Changes are written together
 * ({@link CoalescedWrites}): a connect storm costs one write per commit of the writer, not one per CONNECT, and a
 * client ID that came and went meanwhile costs its last change only. Each change is queued inside the per-device
 * update, so the database sees a device's changes in the order they happened.
 * <p>
 * Every connection is also told to the other nodes, which close their connections of the device that it takes over
 * ({@link RemoteTakeover}): the same client ID always, the device's other client IDs when its credential gives the
 * device one session.
 */
public final class ConnectionStatus {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStatus.class);
    /** Marks a sub-device's connection through a gateway: never a client ID (the prefix is reserved). */
    private static final String VIA_GATEWAY = "hive-iot:via-gateway:";

    static final String CHANNEL = "connections";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Notifications notifications;
    private final ConnectionRows rows;
    private final CoalescedWrites<Queued, Map<String, Transition>> writes;
    private final Clock clock;
    private final StreamSubscriptions streamSubscriptions;
    private final Counter unsubscribedEvents;
    /** Device id to its broker-side client IDs on this node, each with its count and whether it is per-device. */
    private final ConcurrentMap<String, Map<String, Live>> liveConnections = new ConcurrentHashMap<>();

    private record Live(int count, boolean perDevice) {}

    /**
     * A change on its way to the database, with what its events name, and whether other nodes are told of it (a
     * connection of the device's own, which may take over theirs).
     */
    private record Queued(ConnectionRows.Change change, ClientIdentity device, boolean perDevice, boolean told) {}

    private ConnectionStatus(
            final Database database,
            final Notifications notifications,
            final Clock clock,
            final StreamSubscriptions streamSubscriptions,
            final Counter unsubscribedEvents) {
        this.database = database;
        this.notifications = notifications;
        this.rows = new ConnectionRows(notifications.node(), new StatementCache());
        this.writes = new CoalescedWrites<>(database, this::write, new CoalescedWrites.Written<>() {
            @Override
            public void committed(final List<Queued> changes, final Map<String, Transition> transitions) {
                published(changes, transitions);
            }

            @Override
            public void failed(final List<Queued> changes, final Throwable failure) {
                log.warn("hive-iot-auth: {} connection changes not stored: {}", changes.size(), failure.getMessage());
            }
        });
        this.clock = clock;
        this.streamSubscriptions = streamSubscriptions;
        this.unsubscribedEvents = unsubscribedEvents;
    }

    /**
     * Starts tracking. No client is connected to this node yet, so the connections still recorded for nodes that
     * stopped (this one's earlier run included, after a crash) are removed first, and the devices left without one
     * marked inactive. Connection events of an account whose stream nobody can be subscribed to are not published,
     * only counted.
     */
    public static ConnectionStatus start(
            final Database database,
            final Notifications notifications,
            final Clock clock,
            final StreamSubscriptions streamSubscriptions,
            final Counter unsubscribedEvents) {
        final var status =
                new ConnectionStatus(database, notifications, clock, streamSubscriptions, unsubscribedEvents);
        status.sweep(true).join();
        return status;
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
     * Removes the connections of nodes that stopped and marks their devices inactive (publishing
     * {@code disconnected}) unless another node holds them. Run at start and, with other nodes, now and then.
     *
     * @param everyInactive also look at every active device without a connection (at start: a database from before
     *                      connections were recorded per node)
     */
    public CompletableFuture<Void> sweep(final boolean everyInactive) {
        return notifications
                .deadNodes()
                .thenCompose(dead -> dead.isEmpty() && !everyInactive
                        ? CompletableFuture.completedFuture(List.<ConnectionRows.Gone>of())
                        : database.write(dsl -> {
                            final List<ConnectionRows.Gone> gone = rows.removeNodes(dsl, dead, clock.millis());
                            dead.forEach(node -> notifications.forget(dsl, node));
                            return gone;
                        }))
                .thenAccept(gone -> gone.forEach(
                        device -> publish(device.account(), device.name(), device.deviceId(), "disconnected", null)));
    }

    /**
     * @param perDevice the connection holds the device's one session (its credential's policy): it takes over the
     *                  device's other per-device connections, on this node and, told by a notification, on others
     * @return the device's other connections with a per-device session on this node (other broker-side client IDs)
     * open at this moment, which a per-device connection takes over; none for a connection with a session per client
     * ID
     */
    List<String> connected(final ClientIdentity device, final String clientId, final boolean perDevice) {
        final var others = new ArrayList<String>();
        liveConnections.compute(device.deviceId(), (id, clients) -> {
            final Map<String, Live> updated = clients == null ? new HashMap<>() : clients;
            if (perDevice) {
                updated.forEach((other, live) -> {
                    if (live.perDevice() && !other.equals(clientId)) {
                        others.add(other);
                    }
                });
            }
            updated.merge(clientId, new Live(1, perDevice), (old, added) -> new Live(old.count() + 1, perDevice));
            final var change = new ConnectionRows.Change(id, clientId, true, clock.millis());
            writes.add(new Queued(change, device, perDevice, !clientId.startsWith(VIA_GATEWAY)));
            return updated;
        });
        return others;
    }

    void disconnected(final ClientIdentity device, final String clientId) {
        liveConnections.computeIfPresent(device.deviceId(), (id, clients) -> {
            final Live live = clients.get(clientId);
            if (live == null) {
                return clients;
            }
            if (live.count() > 1) {
                clients.put(clientId, new Live(live.count() - 1, live.perDevice()));
                return clients;
            }
            clients.remove(clientId);
            writes.add(
                    new Queued(new ConnectionRows.Change(id, clientId, false, clock.millis()), device, false, false));
            return clients.isEmpty() ? null : clients;
        });
    }

    /**
     * The broker-side client IDs of the device's own open MQTT connections on this node (not those through a
     * gateway).
     */
    public List<String> liveClientIds(final String deviceId) {
        final var clientIds = new ArrayList<String>();
        // Read under the map's per-key lock, which every change holds too.
        liveConnections.computeIfPresent(deviceId, (id, clients) -> {
            clients.keySet().stream()
                    .filter(clientId -> !clientId.startsWith(VIA_GATEWAY))
                    .forEach(clientIds::add);
            return clients;
        });
        return clientIds;
    }

    /** The broker-side client IDs of the device's connections on this node that hold its one per-device session. */
    List<String> perDeviceClientIds(final String deviceId) {
        final var clientIds = new ArrayList<String>();
        liveConnections.computeIfPresent(deviceId, (id, clients) -> {
            clients.forEach((clientId, live) -> {
                if (live.perDevice()) {
                    clientIds.add(clientId);
                }
            });
            return clients;
        });
        return clientIds;
    }

    /**
     * Writes changes queued together, in one transaction, and tells the other nodes of the connections among them
     * when it commits.
     */
    private Map<String, Transition> write(final DSLContext dsl, final List<Queued> queued) {
        final Map<String, Transition> transitions =
                rows.apply(dsl, queued.stream().map(Queued::change).toList());
        if (notifications.shared()) {
            final ArrayNode told = JSON.createArrayNode();
            for (final Queued change : queued) {
                if (change.told()) {
                    told.addObject()
                            .put("device", change.change().deviceId())
                            .put("clientId", change.change().clientId())
                            .put("perDevice", change.perDevice());
                }
            }
            if (!told.isEmpty()) {
                notifications.send(dsl, CHANNEL, told.toString());
            }
        }
        return transitions;
    }

    /** Publishes the committed changes' events, each device's once, with what its last change named. */
    private void published(final List<Queued> changes, final Map<String, Transition> transitions) {
        final var lastOfDevice = new LinkedHashMap<String, ClientIdentity>();
        changes.forEach(queued -> lastOfDevice.put(queued.change().deviceId(), queued.device()));
        lastOfDevice.forEach((id, device) -> {
            final Transition transition = transitions.getOrDefault(id, Transition.NONE);
            if (transition == Transition.CAME || transition == Transition.CAME_AND_WENT) {
                publish(device.account(), device.deviceName(), id, "connected", device.clientId());
            }
            if (transition == Transition.WENT || transition == Transition.CAME_AND_WENT) {
                publish(device.account(), device.deviceName(), id, "disconnected", device.clientId());
            }
        });
    }

    /** {@code connected} / {@code disconnected} on the account's stream; this extension owns both. */
    private void publish(
            final String account,
            final String deviceName,
            final String deviceId,
            final String event,
            final String sentClientId) {
        if (!streamSubscriptions.mayReach(account)) {
            unsubscribedEvents.inc();
            return;
        }
        final var data = DeviceStream.data();
        if (sentClientId != null) {
            data.put("clientId", sentClientId);
        }
        DeviceStream.publish(account, deviceName, deviceId, event, clock.millis(), data)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.debug(
                                "hive-iot-auth: {} event of device {} not published: {}",
                                event,
                                deviceId,
                                error.toString());
                    }
                });
    }
}
