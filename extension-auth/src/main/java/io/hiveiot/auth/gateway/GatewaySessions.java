package io.hiveiot.auth.gateway;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.auth.status.ConnectionStatus;
import io.hiveiot.kit.identity.ClientIdentity;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sub-devices connected through each gateway connection on this node, which drive their connection status and
 * {@code connected}/{@code disconnected} events: a sub-device connects with its gateway's first message about it
 * and disconnects with {@code v1/gateway/disconnect} or the end of the gateway's connection. Each gateway
 * connection is keyed by a token in its own connection attributes, so the late end of a connection whose client ID
 * was taken over never touches the newer one.
 */
public final class GatewaySessions {

    private static final String TOKEN = "hive-iot.auth.gateway-session";

    /** One gateway connection: who it is, and its connected sub-devices by id. */
    static final class Session {

        private final ClientIdentity gateway;
        private final String brokerClientId;
        private final Map<String, ClientIdentity> connected = new ConcurrentHashMap<>();

        Session(final ClientIdentity gateway, final String brokerClientId) {
            this.gateway = gateway;
            this.brokerClientId = brokerClientId;
        }

        ClientIdentity gateway() {
            return gateway;
        }

        /** The sub-device as a device identity whose client ID is its gateway's. */
        ClientIdentity subDevice(final String deviceId, final String name) {
            return ClientIdentity.device(gateway.account(), deviceId, name, gateway.clientId());
        }
    }

    private final ConnectionStatus status;
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    public GatewaySessions(final ConnectionStatus status) {
        this.status = status;
    }

    /** A gateway's connection started. */
    Session opened(
            final ClientIdentity gateway, final String brokerClientId, final ConnectionAttributeStore attributes) {
        final String token = UUID.randomUUID().toString();
        attributes.putAsString(TOKEN, token);
        final Session session = new Session(gateway, brokerClientId);
        byToken.put(token, session);
        return session;
    }

    void connected(final Session session, final String deviceId, final String name) {
        final ClientIdentity subDevice = session.subDevice(deviceId, name);
        if (session.connected.putIfAbsent(deviceId, subDevice) == null) {
            status.subDeviceConnected(subDevice, session.brokerClientId);
        }
    }

    void disconnected(final Session session, final String deviceId) {
        final ClientIdentity subDevice = session.connected.remove(deviceId);
        if (subDevice != null) {
            status.subDeviceDisconnected(subDevice, session.brokerClientId);
        }
    }

    /** The gateway's connection ended, however it ended: its sub-devices are disconnected with it. */
    public void closed(final ConnectionAttributeStore attributes) {
        final Optional<Session> session = attributes.getAsString(TOKEN).map(byToken::remove);
        session.ifPresent(ended -> ended.connected.keySet().forEach(deviceId -> disconnected(ended, deviceId)));
    }
}
