package io.hiveiot.firmware.assign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a committed assignment change reach the device wherever it is connected: this node's connections at once
 * ({@link DeviceSessions}), the other broker nodes' through {@link Notifications}. A node that hears of a change
 * reads the device's assignments and brings its connections of the device to them (annotation and push); a node
 * whose listening connection broke does so for every device connected to it.
 */
public final class AssignmentChanges implements Notifications.Listener {

    private static final Logger log = LoggerFactory.getLogger(AssignmentChanges.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "assignments";

    private final DeviceSessions sessions;
    private final AssignmentStore store;
    private final Notifications notifications;

    public AssignmentChanges(
            final DeviceSessions sessions, final AssignmentStore store, final Notifications notifications) {
        this.sessions = sessions;
        this.store = store;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this);
    }

    /** @return completes once the other nodes are told (never exceptionally: the assignment is committed) */
    public CompletableFuture<Void> assigned(final String deviceId, final PackageInfo info) {
        sessions.assigned(deviceId, info);
        return tell(deviceId);
    }

    /** @return completes once the other nodes are told (never exceptionally: the unassignment is committed) */
    public CompletableFuture<Void> unassigned(final String deviceId, final PackageInfo previous) {
        sessions.unassigned(deviceId, previous);
        return tell(deviceId);
    }

    @Override
    public void message(final String payload) {
        try {
            final JsonNode change = JSON.readTree(payload);
            catchUp(change.path("device").asText());
        } catch (final IOException e) {
            log.warn("hive-iot-firmware: unreadable assignment change from another node: {}", e.getMessage());
        }
    }

    @Override
    public void missed() {
        sessions.deviceIds().forEach(this::catchUp);
    }

    private void catchUp(final String deviceId) {
        if (sessions.of(deviceId).isEmpty()) {
            return;
        }
        store.of(deviceId).whenComplete((stored, failure) -> {
            if (failure != null) {
                log.warn(
                        "hive-iot-firmware: assignments of device {} not read after another node changed them: {}",
                        deviceId,
                        failure.toString());
            } else {
                sessions.catchUp(deviceId, stored);
            }
        });
    }

    private CompletableFuture<Void> tell(final String deviceId) {
        return notifications
                .send(CHANNEL, JSON.createObjectNode().put("device", deviceId).toString())
                .exceptionally(failure -> {
                    log.warn(
                            "hive-iot-firmware: other broker nodes were not told of an assignment change: {}",
                            failure.toString());
                    return null;
                });
    }
}
