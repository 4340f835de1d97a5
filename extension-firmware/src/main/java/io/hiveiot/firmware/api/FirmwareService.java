package io.hiveiot.firmware.api;

import io.hiveiot.firmware.assign.AssignmentChanges;
import io.hiveiot.firmware.assign.AssignmentStore;
import io.hiveiot.firmware.chunk.PackageDeletions;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.Uploads;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.StatusReader;
import io.hiveiot.kit.api.OpTable;

import java.time.Clock;

/**
 * The {@code firmware} service: packages, their assignment to devices and the rollout status.
 * Arguments and results are described in {@code api/firmware.schema.json}. A device is named by {@code args.device};
 * hive-iot-auth has resolved it within the requester's account ({@code ApiRequest.deviceId()}) and this service
 * trusts that annotation, never looking names up. Handlers only validate and hand the work to firmware.db's threads.
 */
public final class FirmwareService {

    private FirmwareService() {}

    public static OpTable create(
            final Uploads uploads,
            final PackageStore packages,
            final AssignmentStore assignments,
            final StatusReader status,
            final AssignmentChanges changes,
            final PackageDeletions deletions,
            final FirmwareEvents events,
            final Clock clock) {
        final var packageOps = new PackageOps(uploads, packages, deletions);
        final var assignmentOps = new AssignmentOps(assignments, packages, status, changes, events, clock);
        return OpTable.of("firmware", FirmwareService.class.getClassLoader())
                .op("package.upload", packageOps::upload)
                .op("package.list", packageOps::list)
                .op("package.get", packageOps::get)
                .op("package.delete", packageOps::delete)
                .op("assign", assignmentOps::assign)
                .op("unassign", assignmentOps::unassign)
                .op("status", assignmentOps::status)
                .build();
    }
}
