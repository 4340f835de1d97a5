package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.route.NodeCalls;
import io.hiveiot.deviceapi.session.DeviceRoutes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the part of an op that needs the device's connection where that connection is: on this node when the device
 * is connected here (itself or through its gateway), else on the broker node that holds it ({@link NodeCalls}, which runs the same part there),
 * else here, where it answers that the device is not connected.
 */
final class AtTheDevice {

    private final DeviceRoutes routes;
    private final DeviceLocations locations;
    private final NodeCalls calls;

    AtTheDevice(final DeviceRoutes routes, final DeviceLocations locations, final NodeCalls calls) {
        this.routes = routes;
        this.locations = locations;
        this.calls = calls;
    }

    /**
     * @param op      what the node that holds the device runs: a handler registered with {@link #handle}
     * @param args    the op's arguments for that node
     * @param timeout how long the other node may take to answer
     * @param here    the same part, run on this node
     */
    CompletableFuture<JsonNode> run(
            final String deviceId,
            final String op,
            final ObjectNode args,
            final Duration timeout,
            final Supplier<CompletableFuture<JsonNode>> here) {
        if (routes.of(deviceId).isPresent()) {
            return here.get();
        }
        return locations
                .elsewhere(deviceId)
                .thenCompose(node -> node.isPresent() ? calls.call(node.get(), op, args, timeout) : here.get());
    }

    /** Has the node that holds the device run {@code op}, when that is another node; nothing waits for it. */
    void tellElsewhere(final String deviceId, final String op, final ObjectNode args) {
        if (routes.of(deviceId).isPresent()) {
            return;
        }
        locations.elsewhere(deviceId).thenAccept(node -> node.ifPresent(holder -> calls.tell(holder, op, args)));
    }

    /** What this node runs when another node hands it {@code op} for a device connected here. */
    void handle(final String op, final NodeCalls.Handler handler) {
        calls.handle(op, handler);
    }
}
