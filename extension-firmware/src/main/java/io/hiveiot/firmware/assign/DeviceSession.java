package io.hiveiot.firmware.assign;

import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.session.DeviceConnection;

import java.util.OptionalInt;

/**
 * One connection of a device, as this extension tracks it. What is assigned to the device is written into the
 * connection attribute {@link ConnectionAttributes#FIRMWARE_KEYS} at connect and on every change, which
 * extension-device-api merges into the {@code shared} section of its attribute response; a device with no assignment
 * gets no attribute at all.
 */
public final class DeviceSession {

    private final DeviceConnection connection;
    private final OptionalInt maxPacketSize;
    private boolean annotated;

    /** @param maxPacketSize the Maximum Packet Size the client announced in its CONNECT (MQTT 5 only) */
    public DeviceSession(final DeviceConnection connection, final OptionalInt maxPacketSize) {
        this.connection = connection;
        this.maxPacketSize = maxPacketSize;
    }

    public DeviceConnection connection() {
        return connection;
    }

    public ClientIdentity device() {
        return connection.device();
    }

    public String brokerClientId() {
        return connection.brokerClientId();
    }

    public boolean mqtt5() {
        return connection.mqtt5();
    }

    public OptionalInt maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * Writes the device's assignments as {@code mirror} holds them now; read and written under one lock, so a stale
     * write cannot come last.
     */
    synchronized void annotate(final AssignmentMirror mirror) {
        final Assignments assignments = mirror.of(device().deviceId());
        if (assignments.isEmpty() && !annotated) {
            return;
        }
        annotated = true;
        connection
                .attributes()
                .putAsString(
                        ConnectionAttributes.FIRMWARE_KEYS,
                        FirmwareKeys.of(assignments).toString());
    }
}
