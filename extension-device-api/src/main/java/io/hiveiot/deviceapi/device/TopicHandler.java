package io.hiveiot.deviceapi.device;

import io.hiveiot.deviceapi.payload.BadPayloadException;

import java.util.concurrent.CompletableFuture;

/** What one device-API topic does with a publish. */
@FunctionalInterface
interface TopicHandler {

    /**
     * Checks and parses the publish on the broker's thread (cheap, no I/O), so a bad payload is refused before
     * anything is stored.
     *
     * @return the work to start: a future that completes once the publish is handled (stored data committed), or
     *         exceptionally with a {@link io.hiveiot.kit.database.StoreException}
     */
    Work parse(DevicePublish publish) throws BadPayloadException;

    @FunctionalInterface
    interface Work {
        CompletableFuture<Void> start();
    }
}
