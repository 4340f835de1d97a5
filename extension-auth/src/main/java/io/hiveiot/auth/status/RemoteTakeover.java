package io.hiveiot.auth.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * A device connected to another broker node: this node closes what that connection takes over, as HiveMQ would
 * if both were on one node. The connection with the same broker-side client ID (a token device's client ID is
 * derived from the device, so a token device holds one session across nodes), unless the nodes form a HiveMQ
 * cluster, which takes a client ID's session over across its nodes itself (and whose disconnect by client ID would
 * reach the new connection); the device's other per-device connections too when the new one holds the device's one
 * session (its credential's policy). A connection with a session per client ID takes over nothing else, and is
 * taken over by nothing else.
 */
public final class RemoteTakeover implements Notifications.Listener {

    private static final Logger log = LoggerFactory.getLogger(RemoteTakeover.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionStatus status;
    private final ClientService clients;
    private final boolean clientIdsAcrossNodes;

    private RemoteTakeover(
            final ConnectionStatus status, final ClientService clients, final boolean clientIdsAcrossNodes) {
        this.status = status;
        this.clients = clients;
        this.clientIdsAcrossNodes = clientIdsAcrossNodes;
    }

    /**
     * Listens for the other nodes' connections.
     *
     * @param clusterTakesOver whether the broker's cluster takes a client ID's session over across nodes itself
     */
    public static void listen(
            final Notifications notifications,
            final ConnectionStatus status,
            final ClientService clients,
            final boolean clusterTakesOver) {
        notifications.subscribe(ConnectionStatus.CHANNEL, new RemoteTakeover(status, clients, !clusterTakesOver));
    }

    /** The connections that one write of another node committed, as an array. */
    @Override
    public void message(final String payload) {
        final JsonNode connections;
        try {
            connections = JSON.readTree(payload);
        } catch (final IOException e) {
            log.warn("hive-iot-auth: unreadable connection notice from another node: {}", e.getMessage());
            return;
        }
        connections.forEach(this::takeOver);
    }

    private void takeOver(final JsonNode connection) {
        final String clientId = connection.path("clientId").asText();
        final String device = connection.path("device").asText();
        final List<String> perDeviceHere =
                connection.path("perDevice").asBoolean() ? status.perDeviceClientIds(device) : List.of();
        for (final String local : status.liveClientIds(device)) {
            if (local.equals(clientId) ? clientIdsAcrossNodes : perDeviceHere.contains(local)) {
                clients.disconnectClient(
                        local,
                        false,
                        DisconnectReasonCode.SESSION_TAKEN_OVER,
                        "the device connected to another broker node");
            }
        }
    }
}
