package io.hiveiot.firmware.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.firmware.pkg.PackageInfo;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.PackageType;
import io.hiveiot.kit.database.Database;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.firmware.schema.Tables.ASSIGNMENT;
import static io.hiveiot.firmware.schema.Tables.OTA_PACKAGE;
import static io.hiveiot.firmware.schema.Tables.ROLLOUT;

/**
 * The {@code status} op's answers, read on the read pool: per device its assigned package, reported state, error,
 * current version and last change; per package the number of assigned devices in each state (a device that has
 * reported nothing since its assignment counts as INITIATED).
 */
public final class StatusReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;

    public StatusReader(final Database database) {
        this.database = database;
    }

    public CompletableFuture<ObjectNode> device(final String deviceId, final String device) {
        return database.read(dsl -> {
            final ObjectNode result =
                    JSON.createObjectNode().put("device", device).put("deviceId", deviceId);
            for (final PackageType type : PackageType.values()) {
                result.set(type.name().toLowerCase(java.util.Locale.ROOT), deviceType(dsl, deviceId, type));
            }
            return result;
        });
    }

    private static ObjectNode deviceType(final DSLContext dsl, final String deviceId, final PackageType type) {
        final ObjectNode node = JSON.createObjectNode();
        final var assigned = dsl.select(PackageStore.infoFields())
                .select(ASSIGNMENT.ASSIGNED_AT)
                .from(ASSIGNMENT)
                .join(OTA_PACKAGE)
                .on(OTA_PACKAGE.ID.eq(ASSIGNMENT.PACKAGE_ID))
                .where(ASSIGNMENT.DEVICE_ID.eq(deviceId))
                .and(ASSIGNMENT.TYPE.eq(type.name()))
                .fetchOptional();
        if (assigned.isPresent()) {
            final PackageInfo info = PackageStore.info(assigned.get());
            node.putObject("assigned")
                    .put("title", info.title())
                    .put("version", info.version())
                    .put("assignedAt", assigned.get().get(ASSIGNMENT.ASSIGNED_AT));
        } else {
            node.putNull("assigned");
        }
        final var rollout = dsl.selectFrom(ROLLOUT)
                .where(ROLLOUT.DEVICE_ID.eq(deviceId))
                .and(ROLLOUT.TYPE.eq(type.name()))
                .fetchOptional();
        node.put(type.key("state"), rollout.map(r -> r.getState()).orElse(null));
        node.put(type.key("error"), rollout.map(r -> r.getError()).orElse(null));
        node.put(
                "current_" + type.key("title"),
                rollout.map(r -> r.getCurrentTitle()).orElse(null));
        node.put(
                "current_" + type.key("version"),
                rollout.map(r -> r.getCurrentVersion()).orElse(null));
        if (rollout.isPresent()) {
            node.put("updatedAt", rollout.get().getUpdatedAt());
        } else {
            node.putNull("updatedAt");
        }
        return node;
    }

    /** Counts per state for the given packages (every package of the account that has assignments when empty). */
    public CompletableFuture<ObjectNode> packages(final String account, final List<PackageInfo> only) {
        return database.read(dsl -> {
            final List<PackageInfo> packages = only.isEmpty()
                    ? dsl.selectDistinct(PackageStore.infoFields())
                            .from(OTA_PACKAGE)
                            .join(ASSIGNMENT)
                            .on(ASSIGNMENT.PACKAGE_ID.eq(OTA_PACKAGE.ID))
                            .where(OTA_PACKAGE.ACCOUNT.eq(account))
                            .orderBy(OTA_PACKAGE.TYPE, OTA_PACKAGE.TITLE, OTA_PACKAGE.VERSION)
                            .limit(1000)
                            .fetch(PackageStore::info)
                    : only;
            final ObjectNode result = JSON.createObjectNode();
            final ArrayNode list = result.putArray("packages");
            for (final PackageInfo info : packages) {
                list.add(counts(dsl, info));
            }
            return result;
        });
    }

    private static ObjectNode counts(final DSLContext dsl, final PackageInfo info) {
        final ObjectNode node = JSON.createObjectNode()
                .put("type", info.type().name())
                .put("title", info.title())
                .put("version", info.version());
        final var state = DSL.coalesce(ROLLOUT.STATE, DSL.inline("INITIATED"));
        final ObjectNode states = node.putObject("states");
        long assigned = 0;
        for (final var row : dsl.select(state, DSL.count())
                .from(ASSIGNMENT)
                .leftJoin(ROLLOUT)
                .on(ROLLOUT.DEVICE_ID.eq(ASSIGNMENT.DEVICE_ID).and(ROLLOUT.TYPE.eq(ASSIGNMENT.TYPE)))
                .where(ASSIGNMENT.PACKAGE_ID.eq(info.id()))
                .groupBy(state)
                .orderBy(state)
                .fetch()) {
            states.put(row.value1(), row.value2());
            assigned += row.value2();
        }
        node.put("assigned", assigned);
        return node;
    }
}
