package io.hiveiot.tracking.tracker;

import io.hiveiot.kit.database.Database;
import io.hiveiot.tracking.schema.tables.records.PositionRecord;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.tracking.schema.Tables.POSITION;

/** A device's position history: read newest first, page by page; purged by age in small batches. */
public final class PositionHistory {

    /**
     * One history row.
     *
     * @param id the cursor of the next page when it is the last row of a page
     */
    public record Position(long id, long ts, Reported reported) {}

    private final Database database;

    public PositionHistory(final Database database) {
        this.database = database;
    }

    /**
     * Rows with {@code from <= ts <= to}, newest (last stored) first.
     *
     * @param before only rows older than this cursor (a previous page's last id)
     */
    public CompletableFuture<List<Position>> read(
            final String account,
            final String uid,
            final long from,
            final long to,
            final Optional<Long> before,
            final int limit) {
        return database.read(dsl -> {
            final String trackerId = TrackerRegistry.existing(dsl, account, uid).getId();
            return dsl.selectFrom(POSITION)
                    .where(POSITION.TRACKER_ID
                            .eq(trackerId)
                            .and(POSITION.TS.between(from, to))
                            .and(before.map(id -> POSITION.ID.lt(Math.toIntExact(id)))
                                    .orElse(POSITION.ID.isNotNull())))
                    .orderBy(POSITION.ID.desc())
                    .limit(limit)
                    .fetch(PositionHistory::position);
        });
    }

    /** Deletes up to {@code batch} rows older than {@code olderThan}; completes with the number deleted. */
    public CompletableFuture<Integer> purge(final long olderThan, final int batch) {
        return database.write(dsl -> dsl.deleteFrom(POSITION)
                .where(POSITION.ID.in(dsl.select(POSITION.ID)
                        .from(POSITION)
                        .where(POSITION.TS.lt(olderThan))
                        .limit(batch)))
                .execute());
    }

    private static Position position(final PositionRecord row) {
        return new Position(row.getId(), row.getTs(), new Reported(row.getLongitude(), row.getLatitude(), new String[] {
            row.getData1(), row.getData2(), row.getData3(), row.getData4()
        }));
    }
}
