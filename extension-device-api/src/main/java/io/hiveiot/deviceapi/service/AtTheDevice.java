package io.hiveiot.deviceapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.route.NodeCalls;
import io.hiveiot.kit.session.DeviceConnection;
import io.hiveiot.kit.session.DeviceConnections;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the part of an op that needs the device's connection where that connection is: on this node when the device
 * is connected here, else on the broker node that holds it ({@link NodeCalls}, which runs the same part there),
 * else here, where it answers that the device is not connected.
 */
final class AtTheDevice {

    private final DeviceConnections<DeviceConnection> sessions;
    private final DeviceLocations locations;
    private final NodeCalls calls;

    AtTheDevice(final DeviceConnections<DeviceConnection> sessions, final DeviceLocations locations,
                final NodeCalls calls) {
        this.sessions = sessions;
        this.locations = locations;
        this.calls = calls;
    }

    /**
     * @param op      what the node that holds the device runs: a handler registered with {@link #handle}
     * @param args    the op's arguments for that node
     * @param timeout how long the other node may take to answer
     * @param here    the same part, run on this node
     */
    CompletableFuture<JsonNode> run(final String deviceId, final String op, final ObjectNode args,
                                    final Duration timeout, final Supplier<CompletableFuture<JsonNode>> here) {
        if (sessions.isConnected(deviceId)) {
            return here.get();
        }
        return locations.elsewhere(deviceId).thenCompose(node -> node.isPresent()
                ? calls.call(node.get(), op, args, timeout)
                : here.get());
    }

    /** Has the node that holds the device run {@code op}, when that is another node; nothing waits for it. */
    void tellElsewhere(final String deviceId, final String op, final ObjectNode args) {
        if (sessions.isConnected(deviceId)) {
            return;
        }
        locations.elsewhere(deviceId).thenAccept(node -> node.ifPresent(holder -> calls.tell(holder, op, args)));
    }

    /** What this node runs when another node hands it {@code op} for a device connected here. */
    void handle(final String op, final NodeCalls.Handler handler) {
        calls.handle(op, handler);
    }
}
