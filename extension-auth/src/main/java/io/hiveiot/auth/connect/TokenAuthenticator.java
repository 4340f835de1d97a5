package io.hiveiot.auth.connect;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import io.hiveiot.auth.acl.DefaultPermissions;
import io.hiveiot.auth.token.AccessTokens;
import io.hiveiot.auth.token.TokenDevice;
import io.hiveiot.registry.identity.ClientIdentity;
import io.hiveiot.registry.sqlite.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Authenticates ThingsBoard-style: the MQTT username is the device's access token, the password is
 * ignored. On success the client's {@link ClientIdentity} goes into the connection attributes and
 * its role's topic permissions become its default permissions. A lookup that is not in the cache is
 * awaited asynchronously, so a broker thread never waits for the database.
 */
public final class TokenAuthenticator implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(TokenAuthenticator.class);

    private final AccessTokens tokens;
    private final boolean sessionEviction;
    private final Duration lookupTimeout;
    private final ConnectMetrics metrics;

    public TokenAuthenticator(final AccessTokens tokens, final boolean sessionEviction, final Duration lookupTimeout,
                              final ConnectMetrics metrics) {
        this.tokens = tokens;
        this.sessionEviction = sessionEviction;
        this.lookupTimeout = lookupTimeout;
        this.metrics = metrics;
    }

    @Override
    public void onConnect(final SimpleAuthInput input, final SimpleAuthOutput output) {
        final MqttVersion version = input.getConnectPacket().getMqttVersion();
        try {
            final ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
            final String sentClientId = attributes.getAsString(ClientIdentity.CLIENT_ID)
                    .orElse(input.getClientInformation().getClientId());
            if (DerivedClientId.isReserved(sentClientId)) {
                refuse(output, version, Refusal.CLIENT_ID_NOT_ALLOWED, sentClientId);
                return;
            }
            final Optional<String> username = input.getConnectPacket().getUserName().filter(name -> !name.isEmpty());
            if (username.isEmpty()) {
                refuse(output, version, Refusal.NO_CREDENTIALS, sentClientId);
                return;
            }
            final CompletableFuture<Optional<TokenDevice>> lookup = tokens.find(username.get());
            if (lookup.isDone()) {
                decide(input, output, sentClientId, lookup);
                return;
            }
            // Our own timeout answers first; the broker's fallback is only a safety net behind it.
            final Async<SimpleAuthOutput> async = output.async(lookupTimeout.plusSeconds(5), TimeoutFallback.FAILURE,
                    ConnackReasonCode.SERVER_UNAVAILABLE, Refusal.UNAVAILABLE.reason());
            lookup.orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((device, error) -> {
                try {
                    decide(input, async.getOutput(), sentClientId, lookup);
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: authentication failed unexpectedly", e);
            refuse(output, version, Refusal.UNAVAILABLE, input.getClientInformation().getClientId());
        }
    }

    private void decide(final SimpleAuthInput input, final SimpleAuthOutput output, final String sentClientId,
                        final CompletableFuture<Optional<TokenDevice>> lookup) {
        final MqttVersion version = input.getConnectPacket().getMqttVersion();
        try {
            final Optional<TokenDevice> found = lookup.join();
            if (found.isEmpty()) {
                refuse(output, version, Refusal.UNKNOWN_CREDENTIALS, sentClientId);
                return;
            }
            final TokenDevice device = found.get();
            if (!device.usable()) {
                refuse(output, version, Refusal.DISABLED, sentClientId);
                return;
            }
            final String expectedClientId = DerivedClientId.of(device, sentClientId, sessionEviction);
            if (!expectedClientId.equals(input.getClientInformation().getClientId())) {
                // The token became known between the CONNECT interceptor and now; a retry succeeds.
                log.debug("hive-iot-auth: device {} was not moved to its client ID; refusing this attempt",
                        device.deviceId());
                refuse(output, version, Refusal.UNAVAILABLE, sentClientId);
                return;
            }
            final var identity = ClientIdentity.device(device.account(), device.deviceId(), device.deviceName(),
                    sentClientId);
            identity.writeTo(input.getConnectionInformation().getConnectionAttributeStore());
            DefaultPermissions.apply(identity, output.getDefaultPermissions());
            output.authenticateSuccessfully();
            metrics.accepted();
        } catch (final CompletionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                log.warn("hive-iot-auth: token lookup took longer than {}; refusing the CONNECT", lookupTimeout);
            } else if (!(cause instanceof StoreException)) {
                log.error("hive-iot-auth: token lookup failed", cause);
            } else {
                log.warn("hive-iot-auth: token lookup failed: {}", cause.getMessage());
            }
            refuse(output, version, Refusal.UNAVAILABLE, sentClientId);
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: authentication failed unexpectedly", e);
            refuse(output, version, Refusal.UNAVAILABLE, sentClientId);
        }
    }

    private void refuse(final SimpleAuthOutput output, final MqttVersion version, final Refusal refusal,
                        final String clientId) {
        log.debug("hive-iot-auth: refused CONNECT of client '{}': {}", clientId, refusal.reason());
        refusal.applyTo(output, version);
        metrics.refused(refusal);
    }
}
