package io.hiveiot.firmware.assign;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.identity.ClientIdentity;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection of a device, as this extension tracks it: who it is, the broker-side client ID replies go to, and
 * what is assigned to it. The assignments are read once at connect and then kept current by {@code assign} and
 * {@code unassign}, so chunk requests and attribute requests never read the database for them. Every change is also
 * written into the connection attribute {@value #ATTRIBUTE}, which extension-device-api merges into the
 * {@code shared} section of its attribute response (DESIGN.md §2 rule 4).
 */
public final class DeviceSession {

    /** The connection attribute extension-device-api reads: a JSON object of {@code fw_*}/{@code sw_*} keys. */
    public static final String ATTRIBUTE = "hive-iot.fw";
    /** Marks a connection with its session, so that a late disconnect of an old connection removes only itself. */
    public static final String TOKEN_ATTRIBUTE = "hive-iot.fw.session";
    /** The device id as this extension resolved it (also with the identity fallback, which has no annotation). */
    public static final String DEVICE_ID_ATTRIBUTE = "hive-iot.fw.device-id";

    private final ClientIdentity device;
    private final String brokerClientId;
    private final ConnectionAttributeStore connection;
    private final boolean mqtt5;
    private final OptionalInt maxPacketSize;
    private final String token;
    private final AtomicReference<Assignments> assignments = new AtomicReference<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** @param maxPacketSize the Maximum Packet Size the client announced in its CONNECT (MQTT 5 only) */
    public DeviceSession(final ClientIdentity device, final String brokerClientId,
                         final ConnectionAttributeStore connection, final boolean mqtt5,
                         final OptionalInt maxPacketSize, final String token) {
        this.device = device;
        this.brokerClientId = brokerClientId;
        this.connection = connection;
        this.mqtt5 = mqtt5;
        this.maxPacketSize = maxPacketSize;
        this.token = token;
    }

    public ClientIdentity device() {
        return device;
    }

    public String brokerClientId() {
        return brokerClientId;
    }

    public ConnectionAttributeStore connection() {
        return connection;
    }

    public boolean mqtt5() {
        return mqtt5;
    }

    public OptionalInt maxPacketSize() {
        return maxPacketSize;
    }

    public String token() {
        return token;
    }

    /**
     * The current assignments, once known (read at connect, or set by an assignment made meanwhile). The future
     * only marks that they are known: the value is always the latest, not the one it completed with.
     */
    public CompletableFuture<Assignments> assignments() {
        return loaded.isDone() ? CompletableFuture.completedFuture(assignments.get())
                : loaded.thenApply(first -> assignments.get());
    }

    /** Whether the assignments are known, so the {@value #ATTRIBUTE} annotation is written. */
    public boolean annotated() {
        return loaded.isDone();
    }

    /** The assignments read at connect; ignored when an assignment made meanwhile was applied already. */
    void loaded(final Assignments fromDatabase) {
        if (assignments.compareAndSet(null, fromDatabase)) {
            annotate();
            loaded.complete(null);
        }
    }

    /** The connect-time read failed: the device then has no assignment until the next change or connection. */
    void loadFailed() {
        loaded(Assignments.NONE);
    }

    /** An assignment or unassignment committed while the device is connected. */
    void change(final PackageType type, final Optional<PackageInfo> info) {
        assignments.updateAndGet(current -> (current == null ? Assignments.NONE : current).with(type, info));
        annotate();
        loaded.complete(null);
    }

    /** Writes the latest assignments; read and written under one lock, so a stale write cannot come last. */
    private synchronized void annotate() {
        connection.putAsString(ATTRIBUTE, FirmwareKeys.of(assignments.get()).toString());
    }
}
