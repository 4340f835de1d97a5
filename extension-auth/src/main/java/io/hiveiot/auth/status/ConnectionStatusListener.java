package io.hiveiot.auth.status;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import io.hiveiot.registry.identity.ClientIdentity;
import io.hiveiot.registry.identity.Role;

import java.util.Optional;

/**
 * Feeds {@link ConnectionStatus} from HiveMQ's lifecycle events. Every kind of disconnect (by the
 * client, by the server, a lost connection, a refused CONNECT) arrives in {@link #onDisconnect};
 * only connections that authenticated as a device carry an identity, so the rest are ignored.
 */
public final class ConnectionStatusListener implements ClientLifecycleEventListener {

    private final ConnectionStatus status;

    public ConnectionStatusListener(final ConnectionStatus status) {
        this.status = status;
    }

    @Override
    public void onMqttConnectionStart(final ConnectionStartInput input) {
        // nothing is known about the client before authentication
    }

    @Override
    public void onAuthenticationSuccessful(final AuthenticationSuccessfulInput input) {
        deviceId(input).ifPresent(status::connected);
    }

    @Override
    public void onDisconnect(final DisconnectEventInput input) {
        deviceId(input).ifPresent(status::disconnected);
    }

    private static Optional<String> deviceId(final ClientBasedInput input) {
        return ClientIdentity.readFrom(input.getConnectionInformation().getConnectionAttributeStore())
                .filter(identity -> identity.role() == Role.DEVICE)
                .map(ClientIdentity::deviceId);
    }
}
