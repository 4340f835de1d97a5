package io.hiveiot.tracking;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListenerProvider;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientLifecycleEventListenerProviderInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import io.hiveiot.tracking.group.ConnectedAccounts;
import io.hiveiot.tracking.tracker.TrackerConnections;

/** Tells what follows connections that one closed: the trackers' connection status and the connected accounts. */
final class ClosedConnections implements ClientLifecycleEventListenerProvider {

    private final TrackerConnections trackers;
    private final ConnectedAccounts accounts;

    ClosedConnections(final TrackerConnections trackers, final ConnectedAccounts accounts) {
        this.trackers = trackers;
        this.accounts = accounts;
    }

    @Override
    public ClientLifecycleEventListener getClientLifecycleEventListener(
            final ClientLifecycleEventListenerProviderInput input) {
        return new ClientLifecycleEventListener() {
            @Override
            public void onMqttConnectionStart(final ConnectionStartInput connectionStartInput) {
                // a tracker's status begins with its first report, an account with the client's initializer
            }

            @Override
            public void onAuthenticationSuccessful(final AuthenticationSuccessfulInput authInput) {
                // as above
            }

            @Override
            public void onDisconnect(final DisconnectEventInput disconnectInput) {
                final String clientId = disconnectInput.getClientInformation().getClientId();
                accounts.disconnected(clientId);
                trackers.closed(clientId);
            }
        };
    }
}
