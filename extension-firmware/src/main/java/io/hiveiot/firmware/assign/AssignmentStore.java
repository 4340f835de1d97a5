package io.hiveiot.firmware.assign;

import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.firmware.schema.Tables.ASSIGNMENT;
import static io.hiveiot.firmware.schema.Tables.OTA_PACKAGE;
import static io.hiveiot.firmware.schema.Tables.ROLLOUT;

/** Which package each device should run, in firmware.db by device id (this extension owns assignment). */
public final class AssignmentStore {

    /** The state ThingsBoard sets when it assigns a package (after QUEUED, which needs no queue here). */
    public static final String INITIATED = "INITIATED";

    private final Database database;
    private final Clock clock;

    public AssignmentStore(final Database database, final Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Assigns a package of the device's account, replacing the device's earlier one of that type. */
    public CompletableFuture<PackageInfo> assign(
            final String account,
            final String deviceId,
            final String device,
            final PackageType type,
            final String title,
            final String version) {
        return database.write(dsl -> {
            final PackageInfo info = PackageStore.find(dsl, account, type, title, version)
                    .orElseThrow(() -> PackageStore.notFound(type, title, version));
            final long now = clock.millis();
            dsl.insertInto(ASSIGNMENT)
                    .set(ASSIGNMENT.DEVICE_ID, deviceId)
                    .set(ASSIGNMENT.TYPE, type.name())
                    .set(ASSIGNMENT.ACCOUNT, account)
                    .set(ASSIGNMENT.DEVICE, device)
                    .set(ASSIGNMENT.PACKAGE_ID, info.id())
                    .set(ASSIGNMENT.ASSIGNED_AT, now)
                    .onConflict(ASSIGNMENT.DEVICE_ID, ASSIGNMENT.TYPE)
                    .doUpdate()
                    .set(ASSIGNMENT.PACKAGE_ID, info.id())
                    .set(ASSIGNMENT.DEVICE, device)
                    .set(ASSIGNMENT.ASSIGNED_AT, now)
                    .execute();
            dsl.insertInto(ROLLOUT)
                    .set(ROLLOUT.DEVICE_ID, deviceId)
                    .set(ROLLOUT.TYPE, type.name())
                    .set(ROLLOUT.ACCOUNT, account)
                    .set(ROLLOUT.DEVICE, device)
                    .set(ROLLOUT.STATE, INITIATED)
                    .set(ROLLOUT.UPDATED_AT, now)
                    .onConflict(ROLLOUT.DEVICE_ID, ROLLOUT.TYPE)
                    .doUpdate()
                    .set(ROLLOUT.STATE, INITIATED)
                    .setNull(ROLLOUT.ERROR)
                    .set(ROLLOUT.DEVICE, device)
                    .set(ROLLOUT.UPDATED_AT, now)
                    .execute();
            return info;
        });
    }

    /** Removes the device's assignment of that type; fails with not-found when there was none. */
    public CompletableFuture<PackageInfo> unassign(final String deviceId, final PackageType type) {
        return database.write(dsl -> {
            final PackageInfo info = assigned(dsl, deviceId, type)
                    .orElseThrow(() -> ApiException.notFound("the device has no " + type + " package assigned"));
            dsl.deleteFrom(ASSIGNMENT)
                    .where(ASSIGNMENT.DEVICE_ID.eq(deviceId))
                    .and(ASSIGNMENT.TYPE.eq(type.name()))
                    .execute();
            return info;
        });
    }

    /** Everything assigned to each device (those without any left out): read when another broker node changed it. */
    public CompletableFuture<Map<String, Assignments>> of(final Collection<String> deviceIds) {
        return database.read(dsl -> byDevice(dsl.select(PackageStore.infoFields())
                .select(ASSIGNMENT.DEVICE_ID)
                .from(ASSIGNMENT)
                .join(OTA_PACKAGE)
                .on(OTA_PACKAGE.ID.eq(ASSIGNMENT.PACKAGE_ID))
                .where(ASSIGNMENT.DEVICE_ID.in(deviceIds))
                .fetchLazy()));
    }

    /** The whole table, by device (devices without any assignment left out): read at start. */
    public CompletableFuture<Map<String, Assignments>> all() {
        return database.read(dsl -> byDevice(dsl.select(PackageStore.infoFields())
                .select(ASSIGNMENT.DEVICE_ID)
                .from(ASSIGNMENT)
                .join(OTA_PACKAGE)
                .on(OTA_PACKAGE.ID.eq(ASSIGNMENT.PACKAGE_ID))
                .fetchLazy()));
    }

    /** Row by row: the table may hold a row for every device of a fleet. */
    private static Map<String, Assignments> byDevice(final Cursor<Record> rows) {
        final Map<String, EnumMap<PackageType, PackageInfo>> byDevice = new HashMap<>();
        try (rows) {
            rows.forEach(row -> {
                final PackageInfo info = PackageStore.info(row);
                byDevice.computeIfAbsent(row.get(ASSIGNMENT.DEVICE_ID), id -> new EnumMap<>(PackageType.class))
                        .put(info.type(), info);
            });
        }
        final Map<String, Assignments> assignments = new HashMap<>();
        byDevice.forEach((id, byType) -> assignments.put(id, Assignments.of(byType)));
        return assignments;
    }

    static Optional<PackageInfo> assigned(final DSLContext dsl, final String deviceId, final PackageType type) {
        return dsl.select(PackageStore.infoFields())
                .from(ASSIGNMENT)
                .join(OTA_PACKAGE)
                .on(OTA_PACKAGE.ID.eq(ASSIGNMENT.PACKAGE_ID))
                .where(ASSIGNMENT.DEVICE_ID.eq(deviceId))
                .and(ASSIGNMENT.TYPE.eq(type.name()))
                .fetchOptional(PackageStore::info);
    }
}
