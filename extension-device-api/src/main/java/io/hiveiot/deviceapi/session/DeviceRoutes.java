package io.hiveiot.deviceapi.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.kit.session.DeviceConnections;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every device this node can reach: devices connected themselves ({@link DeviceConnections}) and sub-devices
 * connected through a gateway's connection, from the gateway's first message about them (as ThingsBoard opens a
 * sub-device's session then) to its {@code v1/gateway/disconnect} or the end of the gateway's connection. A device
 * connected itself is reached directly. Thread-safe.
 */
public final class DeviceRoutes {

    private static final String GATEWAY_TOKEN = "hive-iot.device-api.gateway-session";

    private final DeviceConnections<DeviceSession> sessions;
    private final Map<String, DeviceRoute.ViaGateway> subDevices = new ConcurrentHashMap<>();
    private final Map<String, DeviceSession> gateways = new ConcurrentHashMap<>();

    public DeviceRoutes(final DeviceConnections<DeviceSession> sessions) {
        this.sessions = sessions;
    }

    public DeviceConnections<DeviceSession> sessions() {
        return sessions;
    }

    public Optional<DeviceRoute> of(final String deviceId) {
        final Optional<DeviceSession> direct = sessions.latest(deviceId);
        if (direct.isPresent()) {
            return Optional.of(new DeviceRoute.Direct(direct.get()));
        }
        return Optional.ofNullable(subDevices.get(deviceId));
    }

    /**
     * The gateway speaks for the sub-device on this connection.
     *
     * @return whether it was not connected through this connection before
     */
    public boolean subDeviceConnected(final String deviceId, final String name, final DeviceSession gateway) {
        final DeviceRoute.ViaGateway route = new DeviceRoute.ViaGateway(gateway, name);
        final DeviceRoute.ViaGateway previous = subDevices.put(deviceId, route);
        return previous == null || previous.session() != gateway;
    }

    /** The gateway disconnected the sub-device. */
    public void subDeviceDisconnected(final String deviceId, final DeviceSession gateway) {
        subDevices.computeIfPresent(deviceId, (id, route) -> route.session() == gateway ? null : route);
    }

    /** A gateway's connection started; its end is recognised by a token in its own connection attributes. */
    public void gatewayOpened(final DeviceSession gateway) {
        final String token = UUID.randomUUID().toString();
        gateway.connection().attributes().putAsString(GATEWAY_TOKEN, token);
        gateways.put(token, gateway);
    }

    /**
     * A connection ended; if a gateway's, the sub-devices it carried are gone with it.
     *
     * @return the ids of those sub-devices
     */
    public List<String> closed(final ConnectionAttributeStore attributes) {
        final Optional<DeviceSession> gateway =
                attributes.getAsString(GATEWAY_TOKEN).map(gateways::remove);
        if (gateway.isEmpty()) {
            return List.of();
        }
        final List<String> gone = subDevicesOf(gateway.get());
        subDevices.values().removeIf(route -> route.session() == gateway.get());
        return gone;
    }

    /** The ids of the sub-devices connected through one gateway connection. */
    private List<String> subDevicesOf(final DeviceSession gateway) {
        return subDevices.entrySet().stream()
                .filter(entry -> entry.getValue().session() == gateway)
                .map(Map.Entry::getKey)
                .toList();
    }
}
