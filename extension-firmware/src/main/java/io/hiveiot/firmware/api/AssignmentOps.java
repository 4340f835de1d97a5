package io.hiveiot.firmware.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.firmware.assign.AssignmentChanges;
import io.hiveiot.firmware.assign.AssignmentStore;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.StatusReader;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.Args;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code assign}, {@code unassign} and {@code status} ops. An assignment change reaches the device's connections
 * (annotation and push) and the account's stream only after it is committed.
 */
final class AssignmentOps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AssignmentStore assignments;
    private final PackageStore packages;
    private final StatusReader status;
    private final AssignmentChanges changes;
    private final FirmwareEvents events;
    private final Clock clock;

    AssignmentOps(
            final AssignmentStore assignments,
            final PackageStore packages,
            final StatusReader status,
            final AssignmentChanges changes,
            final FirmwareEvents events,
            final Clock clock) {
        this.assignments = assignments;
        this.packages = packages;
        this.status = status;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    CompletableFuture<JsonNode> assign(final ApiRequest request) {
        final Args args = request.args();
        final Device device = device(request);
        return assignments
                .assign(
                        request.account(),
                        device.id(),
                        device.name(),
                        Names.type(args),
                        Names.name(args, "title"),
                        Names.name(args, "version"))
                .thenCompose(info -> changes.assigned(device.id(), info).thenApply(told -> {
                    events.assigned(request.account(), device.name(), device.id(), info, clock.millis());
                    final ObjectNode result = deviceJson(device);
                    result.set("package", PackageOps.packageJson(info));
                    return result;
                }));
    }

    CompletableFuture<JsonNode> unassign(final ApiRequest request) {
        final Device device = device(request);
        return assignments
                .unassign(device.id(), Names.type(request.args()))
                .thenCompose(previous -> changes.unassigned(device.id(), previous)
                        .thenApply(told -> {
                            events.unassigned(request.account(), device.name(), device.id(), previous, clock.millis());
                            final ObjectNode result = deviceJson(device);
                            result.set("unassigned", PackageOps.packageJson(previous));
                            return result;
                        }));
    }

    CompletableFuture<JsonNode> status(final ApiRequest request) {
        final Args args = request.args();
        if (args.json().has("device")) {
            final Device device = device(request);
            return status.device(device.id(), device.name()).thenApply(node -> node);
        }
        if (args.json().has("title") || args.json().has("version")) {
            final PackageType type = Names.type(args);
            final String title = Names.name(args, "title");
            final String version = Names.name(args, "version");
            return packages.find(request.account(), type, title, version)
                    .thenCompose(info -> status.packages(
                            request.account(),
                            List.of(info.orElseThrow(() -> PackageStore.notFound(type, title, version)))))
                    .thenApply(node -> node);
        }
        return status.packages(request.account(), List.of()).thenApply(node -> node);
    }

    /** The device {@code args.device} names, as hive-iot-auth resolved it in the requester's account. */
    private static Device device(final ApiRequest request) {
        return new Device(request.args().text("device"), request.deviceId());
    }

    private record Device(String name, String id) {}

    private static ObjectNode deviceJson(final Device device) {
        return JSON.createObjectNode().put("device", device.name()).put("deviceId", device.id());
    }
}
