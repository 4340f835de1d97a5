package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.storage.ValueColumns;
import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One write of sealed points, run on the writer thread: their chunks, each series' latest value (only forward) and
 * sealing progress, and the deletion of the ingest rows no longer needed, all in one transaction, so that a point is
 * always either in an ingest row or in a chunk.
 * <p>
 * The series' rows are updated first, in the order of their ids: on a database shared by several nodes that locks
 * them until the commit, so two nodes writing chunks of one series take turns, and the second one's overlap marks see
 * the first one's chunks.
 */
final class SealWrite {

    /** Deletes the ingest rows the write makes unneeded, on the writer's connection. */
    @FunctionalInterface
    interface Forget {
        int rows(Connection connection) throws SQLException;
    }

    private static final String LATEST = "INSERT INTO ts_latest (series_id, ts, type, bool_v, long_v, dbl_v, str_v, "
            + "json_v) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id) DO UPDATE SET ts = excluded.ts, "
            + "type = excluded.type, bool_v = excluded.bool_v, long_v = excluded.long_v, dbl_v = excluded.dbl_v, "
            + "str_v = excluded.str_v, json_v = excluded.json_v WHERE excluded.ts >= ts_latest.ts";
    /** Locks the series' row whether or not its sealed_to moves. */
    private static final String SEALED_TO =
            "UPDATE series SET sealed_to = CASE WHEN sealed_to < ? THEN ? ELSE sealed_to END WHERE id = ?";

    private SealWrite() {}

    /** @return the ingest rows deleted */
    static int run(
            final DSLContext dsl,
            final StatementCache statements,
            final List<SealedChunk> chunks,
            final Forget forget) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement sealedTo = statements.get(connection, SEALED_TO);
            final PreparedStatement markOverlaps = statements.get(connection, ChunkRows.MARK_OVERLAPS);
            final PreparedStatement insert = statements.get(connection, ChunkRows.INSERT);
            final PreparedStatement latest = statements.get(connection, LATEST);
            // a write that failed while binding must not leave its rows for the next one
            sealedTo.clearBatch();
            latest.clearBatch();
            final Map<Integer, Long> seqs = new TreeMap<>();
            for (final SealedChunk chunk : chunks) {
                seqs.merge(chunk.series(), chunk.seq(), Math::max);
            }
            for (final Map.Entry<Integer, Long> series : seqs.entrySet()) {
                sealedTo.setLong(1, series.getValue());
                sealedTo.setLong(2, series.getValue());
                sealedTo.setInt(3, series.getKey());
                sealedTo.addBatch();
            }
            sealedTo.executeBatch();
            for (final SealedChunk chunk : chunks) {
                ChunkRows.insert(markOverlaps, insert, chunk);
                final int last = chunk.count() - 1;
                latest.setInt(1, chunk.series());
                latest.setLong(2, chunk.endTs());
                ValueColumns.bind(latest, 3, chunk.points().value(last));
                latest.addBatch();
            }
            latest.executeBatch();
            return forget.rows(connection);
        });
    }
}
