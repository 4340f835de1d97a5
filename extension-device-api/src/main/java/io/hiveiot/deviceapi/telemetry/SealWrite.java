package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.storage.ValueColumns;
import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * One write of sealed heads, run on the writer thread: their chunks, each series' latest value (only forward) and
 * sealing progress, and the deletion of the ingest rows no head needs any more, all in one transaction, so that a
 * point is always either in an ingest row or in a chunk.
 */
final class SealWrite {

    private static final String LATEST = "INSERT INTO ts_latest (series_id, ts, type, bool_v, long_v, dbl_v, str_v, "
            + "json_v) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id) DO UPDATE SET ts = excluded.ts, "
            + "type = excluded.type, bool_v = excluded.bool_v, long_v = excluded.long_v, dbl_v = excluded.dbl_v, "
            + "str_v = excluded.str_v, json_v = excluded.json_v WHERE excluded.ts >= ts_latest.ts";
    private static final String SEALED_TO = "UPDATE series SET sealed_to = ? WHERE id = ? AND sealed_to < ?";
    private static final String FORGET = "DELETE FROM ts_ingest WHERE id < ?";

    private SealWrite() {
    }

    /** @param keepFrom the oldest ingest row a head still needs: every row before it is deleted */
    static int run(final DSLContext dsl, final StatementCache statements, final List<SealedChunk> chunks,
                   final long keepFrom) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement markOverlaps = statements.get(connection, ChunkRows.MARK_OVERLAPS);
            final PreparedStatement insert = statements.get(connection, ChunkRows.INSERT);
            final PreparedStatement latest = statements.get(connection, LATEST);
            final PreparedStatement sealedTo = statements.get(connection, SEALED_TO);
            // a write that failed while binding must not leave its rows for the next one
            latest.clearBatch();
            sealedTo.clearBatch();
            for (final SealedChunk chunk : chunks) {
                ChunkRows.insert(markOverlaps, insert, chunk);
                final int last = chunk.count() - 1;
                latest.setInt(1, chunk.series());
                latest.setLong(2, chunk.endTs());
                ValueColumns.bind(latest, 3, chunk.points().value(last));
                latest.addBatch();
                sealedTo.setLong(1, chunk.seq());
                sealedTo.setInt(2, chunk.series());
                sealedTo.setLong(3, chunk.seq());
                sealedTo.addBatch();
            }
            latest.executeBatch();
            sealedTo.executeBatch();
            final PreparedStatement forget = statements.get(connection, FORGET);
            forget.setLong(1, keepFrom);
            return forget.executeUpdate();
        });
    }
}
