package io.hiveiot.auth.connect;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.hiveiot.auth.credential.Refusal;
import io.hiveiot.auth.credential.Resolution;
import io.hiveiot.kit.identity.ConnectionAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
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
    private final LoginThrottle throttle;

    ConnectResolver(
            final Credentials credentials,
            final PendingResolutions pending,
            final Duration lookupTimeout,
            final LoginThrottle throttle) {
        this.credentials = credentials;
        this.pending = pending;
        this.lookupTimeout = lookupTimeout;
        this.throttle = throttle;
    }

    @Override
    public void onConnect(final ConnectInboundInput input, final ConnectInboundOutput output) {
        try {
            final var attributes = input.getConnectionInformation().getConnectionAttributeStore();
            final ConnectPacket connect = input.getConnectPacket();
            final String sentClientId = connect.getClientId();
            attributes.putAsString(ConnectionAttributes.CLIENT_ID, sentClientId);
            final Optional<String> address =
                    input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress);
            final CompletableFuture<Resolution> resolution =
                    throttle.throttled(connect.getUserName(), sentClientId, address)
                            ? CompletableFuture.completedFuture(new Resolution.Refused(Refusal.THROTTLED))
                            : resolve(credentials, connect, sentClientId, address)
                                    .orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS)
                                    .whenComplete((result, error) -> count(result, connect, sentClientId, address));
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

    /** Failed logins count towards throttling; an overloaded registry is not the client's fault. */
    private void count(
            final Resolution result,
            final ConnectPacket connect,
            final String sentClientId,
            final Optional<String> address) {
        if (result instanceof Resolution.Refused) {
            throttle.failed(connect.getUserName(), sentClientId, address);
        } else if (result instanceof Resolution.Accepted) {
            throttle.succeeded(connect.getUserName(), sentClientId);
        }
    }

    static CompletableFuture<Resolution> resolve(
            final Credentials credentials,
            final ConnectPacket connect,
            final String sentClientId,
            final Optional<String> address) {
        final Optional<String> password = connect.getPassword()
                .map(buffer ->
                        StandardCharsets.UTF_8.decode(buffer.asReadOnlyBuffer()).toString());
        return credentials.resolve(connect.getUserName(), password, sentClientId, address);
    }

    private static void moveTokenDevice(
            final CompletableFuture<Resolution> resolution, final ConnectInboundOutput output) {
        // A failed resolution (overload, timeout) is the authenticator's to answer and to count.
        if (!resolution.isCompletedExceptionally()
                && resolution.join() instanceof Resolution.Accepted accepted
                && accepted.brokerClientId().isPresent()) {
            output.getConnectPacket().setClientId(accepted.brokerClientId().get());
        }
    }
}
