package io.hiveiot.firmware.assign;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;

/**
 * Removes a device's connection from {@link DeviceSessions} on every kind of disconnect (by the client, by the
 * server, a lost connection); the late disconnect of a connection whose client ID a newer one took over leaves the
 * newer one registered.
 */
public final class SessionListener implements ClientLifecycleEventListener {

    private final DeviceSessions sessions;

    public SessionListener(final DeviceSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onMqttConnectionStart(final ConnectionStartInput input) {
        // sessions are registered by the client initializer, once the identity is known
    }

    @Override
    public void onAuthenticationSuccessful(final AuthenticationSuccessfulInput input) {
        // likewise
    }

    @Override
    public void onDisconnect(final DisconnectEventInput input) {
        sessions.disconnected(
                input.getClientInformation().getClientId(),
                input.getConnectionInformation().getConnectionAttributeStore());
    }
}
