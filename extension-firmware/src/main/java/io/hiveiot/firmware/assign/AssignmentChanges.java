package io.hiveiot.firmware.assign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a committed assignment change reach the {@link AssignmentMirror} and, through it, the device wherever it is
 * connected: this node's at once ({@link DeviceSessions}), the other broker nodes' through {@link Notifications}. A
 * node that hears of a change reads that device's assignments; a node whose listening connection broke reads them
 * all again. The mirror is read whole once here, at start, after listening has begun, so no change is lost between.
 */
public final class AssignmentChanges implements Notifications.Listener {

    private static final Logger log = LoggerFactory.getLogger(AssignmentChanges.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "assignments";

    private final AssignmentMirror mirror;
    private final DeviceSessions sessions;
    private final Notifications notifications;

    /** Subscribes, then reads every assignment into the mirror (blocking: devices may connect only after). */
    public AssignmentChanges(
            final AssignmentMirror mirror, final DeviceSessions sessions, final Notifications notifications) {
        this.mirror = mirror;
        this.sessions = sessions;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this);
        mirror.load(sessions).join();
    }

    /** @return completes once the other nodes are told (never exceptionally: the assignment is committed) */
    public CompletableFuture<Void> assigned(final String deviceId, final PackageInfo info) {
        mirror.committed(deviceId, info.type(), Optional.empty(), Optional.of(info), sessions);
        return tell(deviceId);
    }

    /** @return completes once the other nodes are told (never exceptionally: the unassignment is committed) */
    public CompletableFuture<Void> unassigned(final String deviceId, final PackageInfo previous) {
        mirror.committed(deviceId, previous.type(), Optional.of(previous), Optional.empty(), sessions);
        return tell(deviceId);
    }

    @Override
    public void message(final String payload) {
        try {
            final JsonNode change = JSON.readTree(payload);
            mirror.changedElsewhere(change.path("device").asText(), sessions);
        } catch (final IOException e) {
            log.warn("hive-iot-firmware: unreadable assignment change from another node: {}", e.getMessage());
        }
    }

    @Override
    public void missed() {
        mirror.load(sessions).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn(
                        "hive-iot-firmware: assignments not read again after the connection to the other nodes broke: "
                                + "{}",
                        failure.toString());
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
