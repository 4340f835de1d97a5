package io.hiveiot.auth.status;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.Role;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Feeds {@link ConnectionStatus} from HiveMQ's lifecycle events, and applies each credential's session policy.
 * Every kind of disconnect (by the client, by the server, a lost connection, a refused CONNECT) arrives in
 * {@link #onDisconnect}; only connections that authenticated as a device carry an identity, so the rest are
 * ignored.
 * <p>
 * A connection whose credential gives the device one session takes over the device's other one-session
 * connections (a token device's reconnect is already taken over by HiveMQ, its client ID being derived from the
 * device). A connection whose credential allows a session per client ID takes over nothing, and no connection
 * takes it over but a newer one with its own client ID: two clients of a shared login can never knock each other
 * off.
 */
public final class ConnectionStatusListener implements ClientLifecycleEventListener {

    private final ConnectionStatus status;
    private final ClientService clients;
    private final Consumer<ConnectionAttributeStore> onClosed;

    /** @param onClosed told of every ended connection (a gateway's sub-devices end with it) */
    public ConnectionStatusListener(
            final ConnectionStatus status,
            final ClientService clients,
            final Consumer<ConnectionAttributeStore> onClosed) {
        this.onClosed = onClosed;
        this.status = status;
        this.clients = clients;
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
        final boolean perDevice = input.getConnectionInformation()
                        .getConnectionAttributeStore()
                        .getAsString(SessionPolicy.ATTRIBUTE)
                        .flatMap(SessionPolicy::parse)
                        .orElse(SessionPolicy.PER_DEVICE)
                == SessionPolicy.PER_DEVICE;
        final List<String> others =
                status.connected(device.get(), input.getClientInformation().getClientId(), perDevice);
        for (final String other : others) {
            clients.disconnectClient(
                    other,
                    false,
                    DisconnectReasonCode.SESSION_TAKEN_OVER,
                    "another connection of this device took over");
        }
    }

    @Override
    public void onDisconnect(final DisconnectEventInput input) {
        device(input)
                .ifPresent(identity -> status.disconnected(
                        identity, input.getClientInformation().getClientId()));
        onClosed.accept(input.getConnectionInformation().getConnectionAttributeStore());
    }

    private static Optional<ClientIdentity> device(final ClientBasedInput input) {
        return ClientIdentity.readFrom(input.getConnectionInformation().getConnectionAttributeStore())
                .filter(identity -> identity.role() == Role.DEVICE);
    }
}
