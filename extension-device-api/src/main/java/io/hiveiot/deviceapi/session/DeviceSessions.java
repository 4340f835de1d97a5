package io.hiveiot.deviceapi.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connected devices of this broker, by device id. A device id has at most one entry: the connection that
 * came last (a second connection of the same device replaces the first here, whether or not the broker keeps
 * both). Each connection carries a mark in its attributes, so the disconnect of a replaced connection does not
 * remove its successor. Thread-safe.
 */
public final class DeviceSessions {

    private static final String MARK = "hive-iot.device-api.session";

    private final ConcurrentMap<String, Entry> byDevice = new ConcurrentHashMap<>();
    private final AtomicLong marks = new AtomicLong();

    private record Entry(DeviceSession session, String mark) {
    }

    /** Called when the device's connection is initialized. */
    public void connected(final DeviceSession session) {
        final String mark = Long.toString(marks.incrementAndGet());
        session.connection().putAsString(MARK, mark);
        byDevice.put(session.device().deviceId(), new Entry(session, mark));
    }

    /** Called when a device's connection ends; a connection that was replaced meanwhile changes nothing. */
    public void disconnected(final String deviceId, final ConnectionAttributeStore connection) {
        final Optional<String> mark = connection.getAsString(MARK);
        mark.ifPresent(value -> byDevice.computeIfPresent(deviceId,
                (id, entry) -> entry.mark().equals(value) ? null : entry));
    }

    /** The device's current connection, if it is connected here. */
    public Optional<DeviceSession> find(final String deviceId) {
        final Entry entry = byDevice.get(deviceId);
        return entry == null ? Optional.empty() : Optional.of(entry.session());
    }

    public int size() {
        return byDevice.size();
    }
}
