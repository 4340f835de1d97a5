package io.hiveiot.firmware.pkg;

import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;
import org.jooq.DSLContext;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.firmware.schema.Tables.OTA_PACKAGE;
import static io.hiveiot.firmware.schema.Tables.UPLOAD_PART;

/**
 * {@code package.upload}: a package sent whole, or in pieces kept in {@code upload_part} until the last one. The
 * last piece assembles the package, computes its checksum and verifies what the uploader announced, all in one
 * write on firmware.db's writer thread (never a broker thread); a package is at most {@code packages/max-size}.
 */
public final class Uploads {

    private final Database database;
    private final Clock clock;
    private final int maxPackageSize;
    private final Duration uploadExpiry;

    public Uploads(final Database database, final Clock clock, final int maxPackageSize, final Duration uploadExpiry) {
        this.database = database;
        this.clock = clock;
        this.maxPackageSize = maxPackageSize;
        this.uploadExpiry = uploadExpiry;
    }

    public int maxPackageSize() {
        return maxPackageSize;
    }

    /** Stores one upload message; the last one assembles, verifies and stores the package. */
    public CompletableFuture<UploadResult> upload(final UploadPiece piece) {
        return database.write(dsl -> {
            final long now = clock.millis();
            // Abandoned uploads go with the next upload; no timer is needed for what only uploads create.
            dsl.deleteFrom(UPLOAD_PART)
                    .where(UPLOAD_PART.CREATED_AT.lt(now - uploadExpiry.toMillis()))
                    .execute();
            if (PackageStore.find(dsl, piece.account(), piece.type(), piece.title(), piece.version())
                    .isPresent()) {
                throw new ApiException(
                        ApiException.CONFLICT,
                        piece.type() + " " + piece.title() + " " + piece.version()
                                + " exists already; delete it first or upload another version");
            }
            final var parts = dsl.select(UPLOAD_PART.DATA)
                    .from(UPLOAD_PART)
                    .where(partOf(piece))
                    .orderBy(UPLOAD_PART.START_OFFSET)
                    .fetch(UPLOAD_PART.DATA);
            final long received = parts.stream().mapToLong(part -> part.length).sum();
            if (piece.offset() != received) {
                throw new ApiException(
                        ApiException.CONFLICT,
                        "this upload has " + received + " bytes so far: send the piece at offset " + received);
            }
            final long total = received + piece.data().length;
            if (total > maxPackageSize) {
                dsl.deleteFrom(UPLOAD_PART).where(partOf(piece)).execute();
                return UploadResult.discarded("the package is larger than the maximum of " + maxPackageSize
                        + " bytes (packages/max-size); the upload was discarded");
            }
            if (!piece.last()) {
                dsl.insertInto(UPLOAD_PART)
                        .set(UPLOAD_PART.ACCOUNT, piece.account())
                        .set(UPLOAD_PART.TYPE, piece.type().name())
                        .set(UPLOAD_PART.TITLE, piece.title())
                        .set(UPLOAD_PART.VERSION, piece.version())
                        .set(UPLOAD_PART.START_OFFSET, piece.offset())
                        .set(UPLOAD_PART.DATA, piece.data())
                        .set(UPLOAD_PART.CREATED_AT, now)
                        .execute();
                return UploadResult.inProgress(total);
            }
            final byte[] bytes = assemble(parts, piece.data(), total);
            dsl.deleteFrom(UPLOAD_PART).where(partOf(piece)).execute();
            final String checksum = piece.algorithm().checksum(bytes);
            final Optional<String> problem = verify(piece, bytes, checksum);
            if (problem.isPresent()) {
                return UploadResult.discarded(problem.get());
            }
            return new UploadResult(Optional.of(insert(dsl, piece, bytes, checksum, now)), total, Optional.empty());
        });
    }

    private static Optional<String> verify(final UploadPiece piece, final byte[] bytes, final String checksum) {
        if (bytes.length == 0) {
            return Optional.of("a package needs at least one byte");
        }
        if (piece.size().isPresent() && piece.size().get() != bytes.length) {
            return Optional.of("size mismatch: " + bytes.length + " bytes received, "
                    + piece.size().get() + " announced; the upload was discarded");
        }
        if (piece.checksum().isPresent() && !piece.checksum().get().equalsIgnoreCase(checksum)) {
            return Optional.of("checksum mismatch: the " + piece.algorithm() + " of the " + bytes.length
                    + " bytes received is " + checksum + "; the upload was discarded");
        }
        return Optional.empty();
    }

    private static PackageInfo insert(
            final DSLContext dsl, final UploadPiece piece, final byte[] bytes, final String checksum, final long now) {
        final var info = new PackageInfo(
                UUID.randomUUID().toString(),
                piece.account(),
                piece.type(),
                piece.title(),
                piece.version(),
                piece.tag(),
                piece.algorithm(),
                checksum,
                bytes.length,
                piece.contentType(),
                now);
        dsl.insertInto(OTA_PACKAGE)
                .set(OTA_PACKAGE.ID, info.id())
                .set(OTA_PACKAGE.ACCOUNT, info.account())
                .set(OTA_PACKAGE.TYPE, info.type().name())
                .set(OTA_PACKAGE.TITLE, info.title())
                .set(OTA_PACKAGE.VERSION, info.version())
                .set(OTA_PACKAGE.TAG, info.tag().orElse(null))
                .set(OTA_PACKAGE.CHECKSUM_ALGORITHM, info.algorithm().name())
                .set(OTA_PACKAGE.CHECKSUM, info.checksum())
                .set(OTA_PACKAGE.SIZE, info.size())
                .set(OTA_PACKAGE.CONTENT_TYPE, info.contentType())
                .set(OTA_PACKAGE.DATA, bytes)
                .set(OTA_PACKAGE.CREATED_AT, now)
                .execute();
        return info;
    }

    private static byte[] assemble(final List<byte[]> parts, final byte[] last, final long total) {
        final var out = new ByteArrayOutputStream((int) total);
        parts.forEach(out::writeBytes);
        out.writeBytes(last);
        return out.toByteArray();
    }

    private static org.jooq.Condition partOf(final UploadPiece piece) {
        return UPLOAD_PART
                .ACCOUNT
                .eq(piece.account())
                .and(UPLOAD_PART.TYPE.eq(piece.type().name()))
                .and(UPLOAD_PART.TITLE.eq(piece.title()))
                .and(UPLOAD_PART.VERSION.eq(piece.version()));
    }
}
