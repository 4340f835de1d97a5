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
import java.util.Set;

/**
 * The connected devices, keyed by device id (a device with basic credentials may hold more than one connection, by
 * client ID; the kit's {@link DeviceConnections}). Fed by {@code FirmwareClients} at connect and by
 * {@code SessionListener} at disconnect. An assignment change reaches every connection of the device: its
 * {@code hive-iot.fw} annotation and, as ThingsBoard does, a shared-attribute push on {@code v1/devices/me/attributes},
 * which {@code publishToClient} delivers only to a device that subscribed to it (ThingsBoard pushes only to
 * subscribers too); and a sub-device through its gateway ({@link GatewaySubDevices}).
 */
public final class DeviceSessions {

    private static final Logger log = LoggerFactory.getLogger(DeviceSessions.class);

    private final DeviceConnections<DeviceSession> connections =
            new DeviceConnections<>("firmware", DeviceSession::connection);
    private final GatewaySubDevices subDevices;

    public DeviceSessions(final GatewaySubDevices subDevices) {
        this.subDevices = subDevices;
    }

    /** The sub-devices reachable through gateway connections, which assignment changes reach as well. */
    public GatewaySubDevices subDevices() {
        return subDevices;
    }

    /** Registers a new connection and starts reading its assignments. */
    public void connected(final DeviceSession session, final AssignmentStore store) {
        connections.connected(session);
        store.of(session.device().deviceId()).whenComplete((assignments, failure) -> {
            if (failure == null) {
                session.loaded(assignments);
            } else {
                log.warn(
                        "hive-iot-firmware: assignments of device {} not read: {}",
                        session.device().deviceId(),
                        failure.toString());
                session.loadFailed();
            }
        });
    }

    /**
     * Forgets an ended connection, unless its client ID has been taken over by a newer connection already, and the
     * sub-devices it carried if it was a gateway's.
     */
    public void disconnected(final String brokerClientId, final ConnectionAttributeStore attributes) {
        connections.disconnected(brokerClientId, attributes);
        subDevices.closed(attributes);
    }

    /** Applies a committed assignment to the device's connections and pushes the new keys. */
    public void assigned(final String deviceId, final PackageInfo info) {
        change(deviceId, info.type(), Optional.of(info), FirmwareKeys.of(info));
    }

    /** Applies a committed unassignment and pushes {@code {"deleted":[..]}}. */
    public void unassigned(final String deviceId, final PackageInfo previous) {
        change(deviceId, previous.type(), Optional.empty(), FirmwareKeys.deleted(previous));
    }

    /**
     * Brings the device's connections here to the assignments stored for it, changed through another broker node:
     * each package type whose assignment differs is applied and pushed as {@link #assigned} or
     * {@link #unassigned} would.
     */
    void catchUp(final String deviceId, final Assignments stored) {
        for (final DeviceSession session : of(deviceId)) {
            final Assignments current = session.current();
            for (final PackageType type : PackageType.values()) {
                final Optional<PackageInfo> now = stored.get(type);
                final Optional<PackageInfo> before = current.get(type);
                if (now.equals(before)) {
                    continue;
                }
                session.change(type, now);
                push(session, now.map(FirmwareKeys::of).orElseGet(() -> FirmwareKeys.deleted(before.orElseThrow())));
            }
        }
    }

    Set<String> deviceIds() {
        return connections.deviceIds();
    }

    public int connectedDevices() {
        return connections.devices();
    }

    List<DeviceSession> of(final String deviceId) {
        return connections.of(deviceId);
    }

    private void change(
            final String deviceId, final PackageType type, final Optional<PackageInfo> info, final ObjectNode push) {
        for (final DeviceSession session : of(deviceId)) {
            session.change(type, info);
            push(session, push);
        }
        subDevices.change(deviceId, type, info, push);
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
