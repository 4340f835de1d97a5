package io.hiveiot.firmware.pkg;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.firmware.schema.Tables.ASSIGNMENT;
import static io.hiveiot.firmware.schema.Tables.OTA_PACKAGE;

/**
 * Packages in firmware.db: listing, lookup, deletion and the bytes for the chunk cache ({@link Uploads} stores them).
 * Writes run on the database's single writer, reads on its read pool: never on a broker thread.
 */
public final class PackageStore {

    private final Database database;

    public PackageStore(final Database database) {
        this.database = database;
    }

    /** A page of the account's packages, ordered by type, title and version, after {@code afterId}'s package. */
    public CompletableFuture<List<PackageInfo>> list(
            final String account, final Optional<PackageType> type, final Optional<String> afterId, final int limit) {
        return database.read(dsl -> {
            org.jooq.Condition condition = OTA_PACKAGE.ACCOUNT.eq(account);
            if (type.isPresent()) {
                condition = condition.and(OTA_PACKAGE.TYPE.eq(type.get().name()));
            }
            if (afterId.isPresent()) {
                condition = condition.and(OTA_PACKAGE.ID.gt(afterId.get()));
            }
            return dsl.select(infoFields())
                    .from(OTA_PACKAGE)
                    .where(condition)
                    .orderBy(OTA_PACKAGE.ID)
                    .limit(limit)
                    .fetch(PackageStore::info);
        });
    }

    public CompletableFuture<Optional<PackageInfo>> find(
            final String account, final PackageType type, final String title, final String version) {
        return database.read(dsl -> find(dsl, account, type, title, version));
    }

    /** Deletes a package that no device has assigned. */
    public CompletableFuture<PackageInfo> delete(
            final String account, final PackageType type, final String title, final String version) {
        return database.write(dsl -> {
            final PackageInfo info =
                    find(dsl, account, type, title, version).orElseThrow(() -> notFound(type, title, version));
            final int assigned = dsl.fetchCount(ASSIGNMENT, ASSIGNMENT.PACKAGE_ID.eq(info.id()));
            if (assigned > 0) {
                throw new ApiException(
                        ApiException.CONFLICT,
                        type + " " + title + " " + version + " is assigned to " + assigned
                                + " device(s); unassign it first");
            }
            dsl.deleteFrom(OTA_PACKAGE).where(OTA_PACKAGE.ID.eq(info.id())).execute();
            return info;
        });
    }

    /** The package's bytes, for the chunk cache; empty when it was deleted. */
    public CompletableFuture<Optional<byte[]>> bytes(final String packageId) {
        return database.read(dsl -> dsl.select(OTA_PACKAGE.DATA)
                .from(OTA_PACKAGE)
                .where(OTA_PACKAGE.ID.eq(packageId))
                .fetchOptional(OTA_PACKAGE.DATA));
    }

    public static Optional<PackageInfo> find(
            final DSLContext dsl,
            final String account,
            final PackageType type,
            final String title,
            final String version) {
        return dsl.select(infoFields())
                .from(OTA_PACKAGE)
                .where(OTA_PACKAGE.ACCOUNT.eq(account))
                .and(OTA_PACKAGE.TYPE.eq(type.name()))
                .and(OTA_PACKAGE.TITLE.eq(title))
                .and(OTA_PACKAGE.VERSION.eq(version))
                .fetchOptional(PackageStore::info);
    }

    public static ApiException notFound(final PackageType type, final String title, final String version) {
        return ApiException.notFound("no " + type + " package " + title + " " + version + " in this account");
    }

    /** Every column but the bytes. */
    public static List<org.jooq.Field<?>> infoFields() {
        return List.of(
                OTA_PACKAGE.ID,
                OTA_PACKAGE.ACCOUNT,
                OTA_PACKAGE.TYPE,
                OTA_PACKAGE.TITLE,
                OTA_PACKAGE.VERSION,
                OTA_PACKAGE.TAG,
                OTA_PACKAGE.CHECKSUM_ALGORITHM,
                OTA_PACKAGE.CHECKSUM,
                OTA_PACKAGE.SIZE,
                OTA_PACKAGE.CONTENT_TYPE,
                OTA_PACKAGE.CREATED_AT);
    }

    public static PackageInfo info(final Record row) {
        return new PackageInfo(
                row.get(OTA_PACKAGE.ID),
                row.get(OTA_PACKAGE.ACCOUNT),
                PackageType.valueOf(row.get(OTA_PACKAGE.TYPE)),
                row.get(OTA_PACKAGE.TITLE),
                row.get(OTA_PACKAGE.VERSION),
                Optional.ofNullable(row.get(OTA_PACKAGE.TAG)),
                ChecksumAlgorithm.valueOf(row.get(OTA_PACKAGE.CHECKSUM_ALGORITHM)),
                row.get(OTA_PACKAGE.CHECKSUM),
                row.get(OTA_PACKAGE.SIZE),
                row.get(OTA_PACKAGE.CONTENT_TYPE),
                row.get(OTA_PACKAGE.CREATED_AT));
    }
}
