package io.hiveiot.auth.connect;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.hiveiot.auth.credential.Credentials;
import io.hiveiot.auth.credential.Resolution;
import io.hiveiot.registry.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs before authentication: remembers the client ID the client sent, resolves the credentials,
 * and moves a token device to its {@link DerivedClientId}. The resolution is handed to
 * {@link ConnectAuthenticator}, which decides. Session takeover happens only after authentication
 * succeeded, so a refused CONNECT never disturbs a device's live session. A failed or slow
 * resolution leaves the CONNECT as it is, and the authenticator refuses it.
 */
public final class ConnectResolver implements ConnectInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConnectResolver.class);

    private final Credentials credentials;
    private final PendingResolutions pending;
    private final Duration lookupTimeout;

    ConnectResolver(final Credentials credentials, final PendingResolutions pending, final Duration lookupTimeout) {
        this.credentials = credentials;
        this.pending = pending;
        this.lookupTimeout = lookupTimeout;
    }

    @Override
    public void onConnect(final ConnectInboundInput input, final ConnectInboundOutput output) {
        try {
            final var attributes = input.getConnectionInformation().getConnectionAttributeStore();
            final ConnectPacket connect = input.getConnectPacket();
            final String sentClientId = connect.getClientId();
            attributes.putAsString(ClientIdentity.CLIENT_ID, sentClientId);
            final CompletableFuture<Resolution> resolution = resolve(credentials, connect, sentClientId)
                    .orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            pending.put(attributes, resolution);
            if (resolution.isDone()) {
                moveTokenDevice(resolution, output);
                return;
            }
            // Our own timeout fires first; the broker's fallback is only a safety net behind it.
            final Async<ConnectInboundOutput> async =
                    output.async(lookupTimeout.plusSeconds(5), TimeoutFallback.SUCCESS);
            resolution.whenComplete((result, error) -> {
                try {
                    moveTokenDevice(resolution, async.getOutput());
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.warn("hive-iot-auth: cannot resolve the credentials of a CONNECT: {}", e.toString());
        }
    }

    static CompletableFuture<Resolution> resolve(final Credentials credentials, final ConnectPacket connect,
                                                 final String sentClientId) {
        final Optional<String> password = connect.getPassword()
                .map(buffer -> StandardCharsets.UTF_8.decode(buffer.asReadOnlyBuffer()).toString());
        return credentials.resolve(connect.getUserName(), password, sentClientId);
    }

    private static void moveTokenDevice(final CompletableFuture<Resolution> resolution,
                                        final ConnectInboundOutput output) {
        // A failed resolution (overload, timeout) is the authenticator's to answer and to count.
        if (!resolution.isCompletedExceptionally()
                && resolution.join() instanceof Resolution.Accepted accepted
                && accepted.brokerClientId().isPresent()) {
            output.getConnectPacket().setClientId(accepted.brokerClientId().get());
        }
    }
}
