package io.hiveiot.firmware.chunk;

import io.hiveiot.kit.database.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * A deleted package leaves the bytes cache of every broker node of the database at once, so that no node serves
 * chunks of it any more: this node's directly, the others' through {@link Notifications}. A node whose listening
 * connection broke empties its cache (packages are read again on the next chunk request).
 */
public final class PackageDeletions implements Notifications.Listener {

    private static final Logger log = LoggerFactory.getLogger(PackageDeletions.class);
    private static final String CHANNEL = "deleted_packages";

    private final PackageBytes bytes;
    private final Notifications notifications;

    public PackageDeletions(final PackageBytes bytes, final Notifications notifications) {
        this.bytes = bytes;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this);
    }

    /** @return completes once the other nodes are told (never exceptionally: the deletion is committed) */
    public CompletableFuture<Void> deleted(final String packageId) {
        bytes.invalidate(packageId);
        return notifications.send(CHANNEL, packageId).exceptionally(failure -> {
            log.warn(
                    "hive-iot-firmware: other broker nodes were not told of a deleted package: {}", failure.toString());
            return null;
        });
    }

    @Override
    public void message(final String packageId) {
        bytes.invalidate(packageId);
    }

    @Override
    public void missed() {
        bytes.invalidateAll();
    }
}
