package io.hiveiot.deviceapi;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.hiveiot.deviceapi.device.DeviceApiMetrics;
import io.hiveiot.deviceapi.device.DeviceInterceptor;
import io.hiveiot.deviceapi.device.DeviceTopics;
import io.hiveiot.registry.identity.ClientIdentity;
import io.hiveiot.registry.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Gives each DEVICE connection its device interceptor; applications and provisioning sessions pay nothing for
 * it. The identity is the one hive-iot-auth annotated; with {@code identity-fallback} on, a client without one
 * is a device of account {@code default} named (and identified) by its client ID.
 */
final class DeviceClients implements ClientInitializer {

    static final String FALLBACK_ACCOUNT = "default";

    private static final Logger log = LoggerFactory.getLogger(DeviceClients.class);

    private final DeviceTopics topics;
    private final DeviceApiMetrics metrics;
    private final Duration asyncTimeout;
    private final boolean identityFallback;
    private final Clock clock;

    DeviceClients(final DeviceTopics topics, final DeviceApiMetrics metrics, final Duration asyncTimeout,
                  final boolean identityFallback, final Clock clock) {
        this.topics = topics;
        this.metrics = metrics;
        this.asyncTimeout = asyncTimeout;
        this.identityFallback = identityFallback;
        this.clock = clock;
    }

    @Override
    public void initialize(final InitializerInput input, final ClientContext context) {
        try {
            identity(input).filter(DeviceClients::isDevice).ifPresent(device -> context.addPublishInboundInterceptor(
                    new DeviceInterceptor(device, topics, metrics, asyncTimeout, clock)));
        } catch (final RuntimeException e) {
            // Without the interceptor the device's publishes are refused by authorization, never routed.
            log.error("hive-iot-device-api: no device interceptor for {}", input.getClientInformation().getClientId(),
                    e);
        }
    }

    private Optional<ClientIdentity> identity(final InitializerInput input) {
        final Optional<ClientIdentity> annotated =
                ClientIdentity.readFrom(input.getConnectionInformation().getConnectionAttributeStore());
        if (annotated.isPresent() || !identityFallback) {
            return annotated;
        }
        final String clientId = input.getClientInformation().getClientId();
        return Optional.of(ClientIdentity.device(FALLBACK_ACCOUNT, clientId, clientId, clientId));
    }

    private static boolean isDevice(final ClientIdentity identity) {
        return identity.role() == Role.DEVICE && identity.deviceId() != null && identity.deviceName() != null;
    }
}
