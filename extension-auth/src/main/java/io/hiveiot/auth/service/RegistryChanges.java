package io.hiveiot.auth.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.hiveiot.auth.status.ConnectionStatus;
import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a registry change take effect at once, on this node and on every other node of the database: cached
 * lookups are forgotten, then the device's live connections are closed (MQTT 5: DISCONNECT 0x98 administrative
 * action) and must authenticate again with what is stored now. Other nodes hear of the change through
 * {@link Notifications} once it is committed, never by waiting for a cache to expire; a node whose listening
 * connection broke forgets every cached lookup when it listens again.
 */
public final class RegistryChanges implements Notifications.Listener {

    private static final Logger log = LoggerFactory.getLogger(RegistryChanges.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "registry";

    private final Runnable invalidateCaches;
    private final ConnectionStatus status;
    private final ClientService clients;
    private final Notifications notifications;

    /** @param invalidateCaches forgets every cached credential and device lookup of this node */
    public RegistryChanges(
            final Runnable invalidateCaches,
            final ConnectionStatus status,
            final ClientService clients,
            final Notifications notifications) {
        this.invalidateCaches = invalidateCaches;
        this.status = status;
        this.clients = clients;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this);
    }

    /**
     * The devices' credentials changed or the devices are gone: their sessions on every node end.
     *
     * @return completes once the other nodes are told (never exceptionally: the change itself is committed)
     */
    public CompletableFuture<Void> revoked(final Collection<String> deviceIds, final String reason) {
        invalidateCaches.run();
        disconnect(deviceIds, reason);
        final ObjectNode change = JSON.createObjectNode().put("reason", reason);
        final ArrayNode devices = change.putArray("devices");
        deviceIds.forEach(devices::add);
        return tell(change);
    }

    /** A change that only adds (a device, a credential, an account's new secret): cached "unknown" answers go. */
    public CompletableFuture<Void> added() {
        invalidateCaches.run();
        return tell(JSON.createObjectNode());
    }

    @Override
    public void message(final String payload) {
        invalidateCaches.run();
        final JsonNode change;
        try {
            change = JSON.readTree(payload);
        } catch (final IOException e) {
            log.warn("hive-iot-auth: unreadable registry change from another node: {}", e.getMessage());
            return;
        }
        final List<String> deviceIds = new ArrayList<>();
        change.path("devices").forEach(id -> deviceIds.add(id.asText()));
        disconnect(deviceIds, change.path("reason").asText("the device's registry entry changed"));
    }

    @Override
    public void missed() {
        invalidateCaches.run();
    }

    private void disconnect(final Collection<String> deviceIds, final String reason) {
        for (final String deviceId : deviceIds) {
            for (final String clientId : status.liveClientIds(deviceId)) {
                clients.disconnectClient(clientId, false, DisconnectReasonCode.ADMINISTRATIVE_ACTION, reason);
            }
        }
    }

    private CompletableFuture<Void> tell(final ObjectNode change) {
        return notifications.send(CHANNEL, change.toString()).exceptionally(failure -> {
            log.warn("hive-iot-auth: other broker nodes were not told of a registry change: {}", failure.toString());
            return null;
        });
    }
}
