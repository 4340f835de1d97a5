package io.hiveiot.deviceapi.session;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import io.hiveiot.kit.session.DeviceConnection;
import io.hiveiot.kit.session.DeviceConnections;

import java.util.function.Consumer;

/**
 * Forgets a device's connection when it ends, however it ends (the device's DISCONNECT, a lost connection, a
 * takeover, a server-side disconnect), and tells the RPC side so that requests in flight to it can stop waiting.
 */
public final class SessionEnd implements ClientLifecycleEventListener {

    private final DeviceConnections<DeviceConnection> sessions;
    private final Consumer<String> onDeviceGone;

    public SessionEnd(final DeviceConnections<DeviceConnection> sessions, final Consumer<String> onDeviceGone) {
        this.sessions = sessions;
        this.onDeviceGone = onDeviceGone;
    }

    @Override
    public void onMqttConnectionStart(final ConnectionStartInput input) {
    }

    @Override
    public void onAuthenticationSuccessful(final AuthenticationSuccessfulInput input) {
    }

    @Override
    public void onDisconnect(final DisconnectEventInput input) {
        sessions.disconnected(input.getClientInformation().getClientId(),
                input.getConnectionInformation().getConnectionAttributeStore()).ifPresent(onDeviceGone);
    }
}
