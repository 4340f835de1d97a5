package io.hiveiot.firmware.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiveiot.firmware.assign.AssignmentStore;
import io.hiveiot.firmware.assign.DeviceSessions;
import io.hiveiot.firmware.chunk.PackageBytes;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.Uploads;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.StatusReader;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.api.ApiRequest;
import io.hiveiot.kit.api.ApiService;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@code firmware} service (DESIGN.md §6): packages, their assignment to devices and the rollout status.
 * Arguments and results are described in {@code api/firmware.schema.json}. A device is named by {@code args.device};
 * hive-iot-auth has resolved it within the requester's account ({@code ApiRequest.deviceId()}) and this service
 * trusts that annotation, never looking names up. Handlers only validate and hand the work to firmware.db's threads.
 */
public final class FirmwareService implements ApiService {

    private final Map<String, Function<ApiRequest, CompletableFuture<JsonNode>>> ops = new TreeMap<>();

    public FirmwareService(final Uploads uploads, final PackageStore packages, final AssignmentStore assignments,
                           final StatusReader status, final DeviceSessions sessions, final PackageBytes cache,
                           final FirmwareEvents events, final Clock clock) {
        final var packageOps = new PackageOps(uploads, packages, cache);
        final var assignmentOps = new AssignmentOps(assignments, packages, status, sessions, events, clock);
        ops.put("package.upload", packageOps::upload);
        ops.put("package.list", packageOps::list);
        ops.put("package.get", packageOps::get);
        ops.put("package.delete", packageOps::delete);
        ops.put("assign", assignmentOps::assign);
        ops.put("unassign", assignmentOps::unassign);
        ops.put("status", assignmentOps::status);
    }

    @Override
    public String name() {
        return "firmware";
    }

    @Override
    public CompletableFuture<JsonNode> handle(final ApiRequest request) {
        final var op = ops.get(request.op());
        if (op == null) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.UNKNOWN_OP,
                    "unknown op '" + request.op() + "'; the firmware service has " + String.join(", ", ops.keySet())));
        }
        return op.apply(request);
    }
}
