package io.hiveiot.firmware.assign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.session.DeviceConnections;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The connected devices, keyed by device id (a device with basic credentials may hold more than one connection, by
 * client ID; the kit's {@link DeviceConnections}). Fed by {@code FirmwareClients} at connect and by
 * {@code SessionListener} at disconnect; what is assigned comes from the {@link AssignmentMirror}, never from the
 * database. An assignment change reaches every connection of the device: its {@code hive-iot.fw} annotation and, as
 * ThingsBoard does, a shared-attribute push on {@code v1/devices/me/attributes}, which {@code publishToClient}
 * delivers only to a device that subscribed to it (ThingsBoard pushes only to subscribers too); and a sub-device
 * through its gateway ({@link GatewaySubDevices}).
 */
public final class DeviceSessions implements AssignmentMirror.Listener {

    private static final Logger log = LoggerFactory.getLogger(DeviceSessions.class);

    private final DeviceConnections<DeviceSession> connections =
            new DeviceConnections<>("firmware", DeviceSession::connection);
    private final AssignmentMirror mirror;
    private final GatewaySubDevices subDevices;

    public DeviceSessions(final AssignmentMirror mirror, final GatewaySubDevices subDevices) {
        this.mirror = mirror;
        this.subDevices = subDevices;
    }

    /** The sub-devices reachable through gateway connections, which assignment changes reach as well. */
    public GatewaySubDevices subDevices() {
        return subDevices;
    }

    /**
     * Registers a new connection, then annotates it from memory: a change applied to the mirror before the
     * registration is read here, one applied after it reaches the connection through {@link #changed}.
     */
    public void connected(final DeviceSession session) {
        connections.connected(session);
        session.annotate(mirror);
    }

    /**
     * Forgets an ended connection, unless its client ID has been taken over by a newer connection already, and the
     * sub-devices it carried if it was a gateway's.
     */
    public void disconnected(final String brokerClientId, final ConnectionAttributeStore attributes) {
        connections.disconnected(brokerClientId, attributes);
        subDevices.closed(attributes);
    }

    /** Brings the device's connections here to the mirror's new state and pushes the package type's change. */
    @Override
    public void changed(
            final String deviceId,
            final PackageType type,
            final Optional<PackageInfo> before,
            final Optional<PackageInfo> after) {
        final List<DeviceSession> sessions = of(deviceId);
        if ((after.isEmpty() && before.isEmpty()) || (sessions.isEmpty() && !subDevices.reachable(deviceId))) {
            return;
        }
        try {
            final ObjectNode keys = after.map(FirmwareKeys::of).orElseGet(() -> FirmwareKeys.deleted(before.get()));
            for (final DeviceSession session : sessions) {
                session.annotate(mirror);
                push(session, keys);
            }
            subDevices.change(deviceId, keys);
        } catch (final RuntimeException e) {
            // The change is committed and held in memory; only this push is lost (a broker stopping, say).
            log.warn("hive-iot-firmware: assignment change of device {} not pushed: {}", deviceId, e.toString());
        }
    }

    public int connectedDevices() {
        return connections.devices();
    }

    private List<DeviceSession> of(final String deviceId) {
        return connections.of(deviceId);
    }

    private static void push(final DeviceSession session, final ObjectNode keys) {
        final byte[] payload = keys.toString().getBytes(StandardCharsets.UTF_8);
        Services.publishService()
                .publishToClient(
                        Builders.publish()
                                .topic(DeviceTopic.ATTRIBUTES)
                                .qos(Qos.AT_LEAST_ONCE)
                                .payload(ByteBuffer.wrap(payload))
                                .build(),
                        session.brokerClientId())
                .whenComplete((result, failure) -> {
                    if (failure != null || result != PublishToClientResult.SUCCESSFUL) {
                        log.debug(
                                "hive-iot-firmware: attribute push to {} not sent: {}",
                                session.brokerClientId(),
                                failure != null ? failure.toString() : result);
                    }
                });
    }
}
