package io.hiveiot.auth.status;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.hiveiot.auth.credential.Resolution;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;

import java.util.List;
import java.util.Optional;

/**
 * Feeds {@link ConnectionStatus} from HiveMQ's lifecycle events, and gives basic-credential devices
 * one session per device. Every kind of disconnect (by the client, by the server, a lost connection,
 * a refused CONNECT) arrives in {@link #onDisconnect}; only connections that authenticated as a
 * device carry an identity, so the rest are ignored.
 */
public final class ConnectionStatusListener implements ClientLifecycleEventListener {

    private final ConnectionStatus status;
    private final ClientService clients;
    private final boolean sessionEviction;

    /**
     * @param sessionEviction whether a device's new connection closes its older ones. Token devices
     *                        get that from HiveMQ's takeover of their derived client ID; devices with
     *                        basic credentials keep their own client IDs, so their older connections
     *                        with other client IDs are closed here (never one with the new client
     *                        ID, which HiveMQ takes over itself).
     */
    public ConnectionStatusListener(final ConnectionStatus status, final ClientService clients,
                                    final boolean sessionEviction) {
        this.status = status;
        this.clients = clients;
        this.sessionEviction = sessionEviction;
    }

    @Override
    public void onMqttConnectionStart(final ConnectionStartInput input) {
        // nothing is known about the client before authentication
    }

    @Override
    public void onAuthenticationSuccessful(final AuthenticationSuccessfulInput input) {
        final Optional<ClientIdentity> device = device(input);
        if (device.isEmpty()) {
            return;
        }
        final boolean basic = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(Resolution.CredentialKind.ATTRIBUTE)
                .filter(Resolution.CredentialKind.BASIC.name()::equals)
                .isPresent();
        final List<String> others = status.connected(device.get(), input.getClientInformation().getClientId(),
                sessionEviction && basic);
        if (sessionEviction && basic) {
            for (final String other : others) {
                clients.disconnectClient(other, false, DisconnectReasonCode.SESSION_TAKEN_OVER,
                        "another connection of this device took over");
            }
        }
    }

    @Override
    public void onDisconnect(final DisconnectEventInput input) {
        device(input).ifPresent(identity -> status.disconnected(identity, input.getClientInformation().getClientId()));
    }

    private static Optional<ClientIdentity> device(final ClientBasedInput input) {
        return ClientIdentity.readFrom(input.getConnectionInformation().getConnectionAttributeStore())
                .filter(identity -> identity.role() == Role.DEVICE);
    }
}
