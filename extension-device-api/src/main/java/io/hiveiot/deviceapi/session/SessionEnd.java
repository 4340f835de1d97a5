package io.hiveiot.deviceapi.session;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;

import java.util.function.Consumer;

/**
 * Forgets a device's connection when it ends, however it ends (the device's DISCONNECT, a lost connection, a
 * takeover, a server-side disconnect), with the sub-devices a gateway's connection carried, and tells the RPC side
 * so that requests in flight to them can stop waiting.
 */
public final class SessionEnd implements ClientLifecycleEventListener {

    private final DeviceRoutes routes;
    private final Consumer<String> onDeviceGone;

    public SessionEnd(final DeviceRoutes routes, final Consumer<String> onDeviceGone) {
        this.routes = routes;
        this.onDeviceGone = onDeviceGone;
    }

    @Override
    public void onMqttConnectionStart(final ConnectionStartInput input) {}

    @Override
    public void onAuthenticationSuccessful(final AuthenticationSuccessfulInput input) {}

    @Override
    public void onDisconnect(final DisconnectEventInput input) {
        final var attributes = input.getConnectionInformation().getConnectionAttributeStore();
        routes.sessions()
                .disconnected(input.getClientInformation().getClientId(), attributes)
                .ifPresent(onDeviceGone);
        routes.closed(attributes).forEach(onDeviceGone);
    }
}
