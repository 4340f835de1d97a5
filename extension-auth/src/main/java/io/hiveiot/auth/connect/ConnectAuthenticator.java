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
import io.hiveiot.auth.credential.Refusal;
import io.hiveiot.auth.credential.Resolution;
import io.hiveiot.auth.credential.SessionPolicy;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.kit.database.StoreException;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepts or refuses a CONNECT on the resolution {@link ConnectResolver} started. On success the
 * client's identity goes into the connection attributes and its role's topic permissions become its
 * default permissions. A resolution still running is awaited asynchronously, so a broker thread
 * never waits for the database or a password hash.
 */
final class ConnectAuthenticator implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ConnectAuthenticator.class);

    private final Credentials credentials;
    private final PendingResolutions pending;
    private final Duration lookupTimeout;
    private final ConnectMetrics metrics;
    private final DefaultPermissions permissions;
    private final DeviceProfiles profiles;

    ConnectAuthenticator(
            final Credentials credentials,
            final PendingResolutions pending,
            final Duration lookupTimeout,
            final ConnectMetrics metrics,
            final DefaultPermissions permissions,
            final DeviceProfiles profiles) {
        this.permissions = permissions;
        this.profiles = profiles;
        this.credentials = credentials;
        this.pending = pending;
        this.lookupTimeout = lookupTimeout;
        this.metrics = metrics;
    }

    @Override
    public void onConnect(final SimpleAuthInput input, final SimpleAuthOutput output) {
        try {
            final ConnectionAttributeStore attributes =
                    input.getConnectionInformation().getConnectionAttributeStore();
            // Normally started by the CONNECT interceptor; resolved here only if it did not run.
            final CompletableFuture<Resolution> resolution = pending.take(attributes)
                    .orElseGet(() -> ConnectResolver.resolve(
                                    credentials,
                                    input.getConnectPacket(),
                                    input.getClientInformation().getClientId(),
                                    input.getConnectionInformation()
                                            .getInetAddress()
                                            .map(InetAddress::getHostAddress))
                            .orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS));
            if (resolution.isDone()) {
                decide(input, output, resolution);
                return;
            }
            final Async<SimpleAuthOutput> async = output.async(
                    lookupTimeout.plusSeconds(5),
                    TimeoutFallback.FAILURE,
                    ConnackReasonCode.SERVER_UNAVAILABLE,
                    Refusal.UNAVAILABLE.reason());
            resolution.whenComplete((result, error) -> {
                try {
                    decide(input, async.getOutput(), resolution);
                } finally {
                    async.resume();
                }
            });
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: authentication failed unexpectedly", e);
            refuse(input, output, Refusal.UNAVAILABLE);
        }
    }

    private void decide(
            final SimpleAuthInput input,
            final SimpleAuthOutput output,
            final CompletableFuture<Resolution> resolution) {
        try {
            final Resolution result = resolution.join();
            if (result instanceof Resolution.Refused refused) {
                refuse(input, output, refused.refusal());
                return;
            }
            final var accepted = (Resolution.Accepted) result;
            if (accepted.brokerClientId().isPresent()
                    && !accepted.brokerClientId()
                            .get()
                            .equals(input.getClientInformation().getClientId())) {
                // The token became known between the CONNECT interceptor and now; a retry succeeds.
                log.debug(
                        "hive-iot-auth: device {} was not moved to its client ID; refusing this attempt",
                        accepted.identity().deviceId());
                refuse(input, output, Refusal.UNAVAILABLE);
                return;
            }
            final ConnectionAttributeStore attributes =
                    input.getConnectionInformation().getConnectionAttributeStore();
            accepted.identity().writeTo(attributes);
            accepted.topicSpace().writeTo(attributes);
            attributes.putAsString(
                    Resolution.CredentialKind.ATTRIBUTE, accepted.kind().name());
            attributes.putAsString(SessionPolicy.ATTRIBUTE, accepted.sessions().text());
            final boolean gateway = accepted.traits().gateway();
            final DeviceProfile profile = profiles.of(accepted.traits().profileId());
            if (accepted.identity().role() == Role.DEVICE) {
                profile.writeTo(attributes);
                if (gateway) {
                    attributes.putAsString(ConnectionAttributes.GATEWAY, "true");
                }
            }
            // An access token is a secret and never goes into a topic filter.
            final Optional<String> username = accepted.kind() == Resolution.CredentialKind.BASIC
                            || accepted.kind() == Resolution.CredentialKind.APPLICATION
                    ? input.getConnectPacket().getUserName()
                    : Optional.empty();
            permissions.apply(
                    accepted.identity(),
                    accepted.topicSpace(),
                    username,
                    accepted.extraPermissions(),
                    gateway,
                    profile,
                    output.getDefaultPermissions());
            output.authenticateSuccessfully();
            metrics.accepted();
        } catch (final CompletionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                log.warn("hive-iot-auth: credential lookup took longer than {}; refusing the CONNECT", lookupTimeout);
            } else if (cause instanceof StoreException || cause instanceof RejectedExecutionException) {
                log.warn("hive-iot-auth: credential lookup failed: {}", cause.getMessage());
            } else {
                log.error("hive-iot-auth: credential lookup failed", cause);
            }
            refuse(input, output, Refusal.UNAVAILABLE);
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: authentication failed unexpectedly", e);
            refuse(input, output, Refusal.UNAVAILABLE);
        }
    }

    private void refuse(final SimpleAuthInput input, final SimpleAuthOutput output, final Refusal refusal) {
        final MqttVersion version = input.getConnectPacket().getMqttVersion();
        log.debug(
                "hive-iot-auth: refused CONNECT of client '{}': {}",
                input.getClientInformation().getClientId(),
                refusal.reason());
        refusal.applyTo(output, version);
        metrics.refused(refusal);
    }
}
