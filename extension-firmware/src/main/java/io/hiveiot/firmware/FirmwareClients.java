package io.hiveiot.firmware;

import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import io.hiveiot.firmware.assign.DeviceSession;
import io.hiveiot.firmware.assign.DeviceSessions;
import io.hiveiot.firmware.chunk.ChunkServer;
import io.hiveiot.firmware.chunk.ClientPacketLimit;
import io.hiveiot.firmware.device.DeviceFirmwareInterceptor;
import io.hiveiot.firmware.device.FirmwareMetrics;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.identity.Role;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.session.DeviceConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Per connection, by role: a DEVICE is registered as a session (its {@code hive-iot.fw} annotation written from the
 * assignments held in memory, no database read) and gets the firmware interceptor (a gateway's also follows its
 * sub-devices); an application gets the {@code firmware} service's request interceptor. Provisioning sessions get
 * nothing.
 */
final class FirmwareClients implements ClientInitializer {

    private static final Logger log = LoggerFactory.getLogger(FirmwareClients.class);

    private final DeviceSessions sessions;
    private final ChunkServer chunks;
    private final RolloutStore rollout;
    private final FirmwareEvents events;
    private final FirmwareMetrics metrics;
    private final PublishInboundInterceptor requests;
    private final CommittedAnswer committed;
    private final boolean identityFallback;

    FirmwareClients(
            final DeviceSessions sessions,
            final ChunkServer chunks,
            final RolloutStore rollout,
            final FirmwareEvents events,
            final FirmwareMetrics metrics,
            final PublishInboundInterceptor requests,
            final CommittedAnswer committed,
            final boolean identityFallback) {
        this.sessions = sessions;
        this.chunks = chunks;
        this.rollout = rollout;
        this.events = events;
        this.metrics = metrics;
        this.requests = requests;
        this.committed = committed;
        this.identityFallback = identityFallback;
    }

    @Override
    public void initialize(final InitializerInput input, final ClientContext context) {
        final String clientId = input.getClientInformation().getClientId();
        try {
            final Optional<ClientIdentity> identity = identity(input);
            if (identity.isEmpty()) {
                return;
            }
            final Role role = identity.get().role();
            if (role == Role.APP || role == Role.ADMIN) {
                context.addPublishInboundInterceptor(requests);
            } else if (role == Role.DEVICE
                    && identity.get().deviceId() != null
                    && identity.get().deviceName() != null) {
                final var connection = DeviceConnection.of(identity.get(), input);
                final var session = new DeviceSession(connection, ClientPacketLimit.of(connection.attributes()));
                sessions.connected(session);
                final boolean gateway = connection
                        .attributes()
                        .getAsString(ConnectionAttributes.GATEWAY)
                        .filter("true"::equals)
                        .isPresent();
                context.addPublishInboundInterceptor(new DeviceFirmwareInterceptor(
                        session,
                        chunks,
                        rollout,
                        events,
                        metrics,
                        committed,
                        gateway ? Optional.of(sessions.subDevices()) : Optional.empty()));
            }
        } catch (final RuntimeException e) {
            // Without the interceptor the device's v2/fw requests are refused by authorization, never routed.
            log.error("hive-iot-firmware: no firmware interceptor for {}", clientId, e);
        }
    }

    private Optional<ClientIdentity> identity(final InitializerInput input) {
        return ClientIdentity.of(
                input.getConnectionInformation().getConnectionAttributeStore(),
                input.getClientInformation().getClientId(),
                identityFallback);
    }
}
