package io.hiveiot.auth.connect;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import io.hiveiot.auth.token.AccessTokens;
import io.hiveiot.auth.token.TokenDevice;
import io.hiveiot.registry.identity.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs before authentication: remembers the client ID the client sent and, for a known access
 * token, moves the connection to the device's {@link DerivedClientId}. Session takeover happens only
 * after authentication succeeded, so a refused CONNECT never disturbs the device's live session.
 * A failed or slow lookup leaves the CONNECT as it is; {@link TokenAuthenticator} then refuses it.
 */
public final class ClientIdRewriter implements ConnectInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ClientIdRewriter.class);

    private final AccessTokens tokens;
    private final boolean sessionEviction;
    private final Duration lookupTimeout;

    public ClientIdRewriter(final AccessTokens tokens, final boolean sessionEviction, final Duration lookupTimeout) {
        this.tokens = tokens;
        this.sessionEviction = sessionEviction;
        this.lookupTimeout = lookupTimeout;
    }

    @Override
    public void onConnect(final ConnectInboundInput input, final ConnectInboundOutput output) {
        try {
            final String sentClientId = input.getConnectPacket().getClientId();
            input.getConnectionInformation().getConnectionAttributeStore()
                    .putAsString(ClientIdentity.CLIENT_ID, sentClientId);
            final Optional<String> username = input.getConnectPacket().getUserName().filter(name -> !name.isEmpty());
            if (username.isEmpty() || DerivedClientId.isReserved(sentClientId)) {
                return;
            }
            final CompletableFuture<Optional<TokenDevice>> lookup = tokens.find(username.get());
            if (lookup.isDone()) {
                // A failed lookup (overload) is the authenticator's to answer, and to count.
                if (!lookup.isCompletedExceptionally()) {
                    rewrite(lookup.join(), sentClientId, output);
                }
                return;
            }
            // The broker's safety net lies beyond our own timeout, so it never decides for us.
            final Async<ConnectInboundOutput> async =
                    output.async(lookupTimeout.plusSeconds(5), TimeoutFallback.SUCCESS);
            lookup.orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((device, error) -> {
                try {
                    if (error == null) {
                        rewrite(device, sentClientId, async.getOutput());
                    }
                } catch (final RuntimeException e) {
                    log.warn("hive-iot-auth: cannot assign the device client ID: {}", e.toString());
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.warn("hive-iot-auth: cannot assign the device client ID: {}", e.toString());
        }
    }

    private void rewrite(final Optional<TokenDevice> device, final String sentClientId,
                         final ConnectInboundOutput output) {
        if (device.isPresent() && device.get().usable()) {
            output.getConnectPacket().setClientId(DerivedClientId.of(device.get(), sentClientId, sessionEviction));
        }
    }
}
