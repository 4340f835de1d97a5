package io.hiveiot.kit.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The devices connected to this broker node, as one extension tracks them: by device id, then by the client ID the
 * broker runs each connection under (a device with basic credentials may hold several connections, one per client
 * ID; a token device holds one).
 * <p>
 * Each connection is marked in its attributes when it is added. The broker reports a connection's end after a newer
 * connection with the same client ID may already have taken its place, so an end removes only the connection that
 * carries the same mark. Thread-safe.
 *
 * @param <S> what the extension keeps per connection
 */
public final class DeviceConnections<S> {

    private final String markAttribute;
    private final String deviceAttribute;
    private final Function<S, DeviceConnection> connectionOf;
    private final ConcurrentMap<String, Map<String, Entry<S>>> byDevice = new ConcurrentHashMap<>();
    private final AtomicLong marks = new AtomicLong();

    private record Entry<S>(S session, long mark) {}

    /**
     * @param owner        a name for the owner's connection attributes, e.g. {@code device-api}
     * @param connectionOf the connection a session is about
     */
    public DeviceConnections(final String owner, final Function<S, DeviceConnection> connectionOf) {
        this.markAttribute = "hive-iot." + owner + ".connection";
        this.deviceAttribute = "hive-iot." + owner + ".device-id";
        this.connectionOf = connectionOf;
    }

    /** Adds a new connection; a connection of the same client ID that was not reported ended yet is replaced. */
    public void connected(final S session) {
        final DeviceConnection connection = connectionOf.apply(session);
        final long mark = marks.incrementAndGet();
        connection.attributes().putAsString(markAttribute, Long.toString(mark));
        connection.attributes().putAsString(deviceAttribute, connection.deviceId());
        byDevice.computeIfAbsent(connection.deviceId(), id -> new ConcurrentHashMap<>())
                .put(connection.brokerClientId(), new Entry<>(session, mark));
    }

    /**
     * Removes an ended connection, unless a newer one has taken its place.
     *
     * @return the device id whose last connection here this was; empty while the device has others, or when the
     * connection was never added
     */
    public Optional<String> disconnected(final String brokerClientId, final ConnectionAttributeStore attributes) {
        final Optional<String> deviceId = attributes.getAsString(deviceAttribute);
        final Optional<Long> mark = attributes.getAsString(markAttribute).map(Long::parseLong);
        if (deviceId.isEmpty() || mark.isEmpty()) {
            return Optional.empty();
        }
        final boolean[] gone = {false};
        byDevice.computeIfPresent(deviceId.get(), (id, connections) -> {
            connections.computeIfPresent(
                    brokerClientId, (clientId, entry) -> entry.mark() == mark.get() ? null : entry);
            gone[0] = connections.isEmpty();
            return connections.isEmpty() ? null : connections;
        });
        return gone[0] ? deviceId : Optional.empty();
    }

    /** The device's most recent connection here. */
    public Optional<S> latest(final String deviceId) {
        final Map<String, Entry<S>> connections = byDevice.get(deviceId);
        return connections == null
                ? Optional.empty()
                : connections.values().stream()
                        .max(Comparator.comparingLong(Entry::mark))
                        .map(Entry::session);
    }

    /** Every connection of the device here. */
    public List<S> of(final String deviceId) {
        final Map<String, Entry<S>> connections = byDevice.get(deviceId);
        if (connections == null) {
            return List.of();
        }
        final List<S> sessions = new ArrayList<>(connections.size());
        connections.values().forEach(entry -> sessions.add(entry.session()));
        return sessions;
    }

    public boolean isConnected(final String deviceId) {
        return byDevice.containsKey(deviceId);
    }

    /** The ids of the devices with at least one connection here, at this moment. */
    public Set<String> deviceIds() {
        return Set.copyOf(byDevice.keySet());
    }

    /** Devices with at least one connection here. */
    public int devices() {
        return byDevice.size();
    }
}
