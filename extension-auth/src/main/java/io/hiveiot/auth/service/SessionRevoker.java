package io.hiveiot.auth.service;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.hiveiot.auth.status.ConnectionStatus;

import java.util.Collection;

/**
 * Makes a registry change take effect at once: forgets cached lookups, then closes the device's
 * live connections (MQTT 5: DISCONNECT 0x98 administrative action), which must authenticate again
 * with what is stored now.
 */
final class SessionRevoker {

    private final Runnable invalidateCaches;
    private final ConnectionStatus status;
    private final ClientService clients;

    SessionRevoker(final Runnable invalidateCaches, final ConnectionStatus status, final ClientService clients) {
        this.invalidateCaches = invalidateCaches;
        this.status = status;
        this.clients = clients;
    }

    void revoke(final Collection<String> deviceIds, final String reason) {
        invalidateCaches.run();
        for (final String deviceId : deviceIds) {
            for (final String clientId : status.liveClientIds(deviceId)) {
                clients.disconnectClient(clientId, false, DisconnectReasonCode.ADMINISTRATIVE_ACTION, reason);
            }
        }
    }

    /** A change that only adds (a new device or credential): cached "unknown" answers must go. */
    void added() {
        invalidateCaches.run();
    }
}
