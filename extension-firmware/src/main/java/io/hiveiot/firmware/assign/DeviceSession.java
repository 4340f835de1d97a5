package io.hiveiot.firmware.assign;

import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.identity.ClientIdentity;
import io.hiveiot.kit.identity.ConnectionAttributes;
import io.hiveiot.kit.session.DeviceConnection;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of a device, as this extension tracks it: the connection and what is assigned to the device. The
 * assignments are read once at connect and then kept current by {@code assign} and {@code unassign}, so chunk
 * requests and attribute requests never read the database for them. Every change is also written into the
 * connection attribute {@link ConnectionAttributes#FIRMWARE_KEYS}, which extension-device-api merges into the
 * {@code shared} section of its attribute response.
 */
public final class DeviceSession {

    private final DeviceConnection connection;
    private final OptionalInt maxPacketSize;
    private final KnownAssignments assignments = new KnownAssignments(this::annotate);

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
     * The current assignments, once known (read at connect, or set by an assignment made meanwhile). The future
     * only marks that they are known: the value is always the latest, not the one it completed with.
     */
    public CompletableFuture<Assignments> assignments() {
        return assignments.get();
    }

    /** The assignments as this connection knows them now; none while they are being read. */
    Assignments current() {
        return assignments.current();
    }

    /** Whether the assignments are known, so the connection's firmware annotation is written. */
    public boolean annotated() {
        return assignments.known();
    }

    /** The assignments read at connect; ignored when an assignment made meanwhile was applied already. */
    void loaded(final Assignments fromDatabase) {
        assignments.loaded(fromDatabase);
    }

    /** The connect-time read failed: the device then has no assignment until the next change or connection. */
    void loadFailed() {
        loaded(Assignments.NONE);
    }

    /** An assignment or unassignment committed while the device is connected. */
    void change(final PackageType type, final Optional<PackageInfo> info) {
        assignments.change(type, info);
    }

    /** Writes the latest assignments; read and written under one lock, so a stale write cannot come last. */
    private synchronized void annotate() {
        connection
                .attributes()
                .putAsString(
                        ConnectionAttributes.FIRMWARE_KEYS,
                        FirmwareKeys.of(assignments.current()).toString());
    }
}
