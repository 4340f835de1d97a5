package io.hiveiot.deviceapi.telemetry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes {@code ts_chunk} rows: the chunk and its summary columns ({@link NumericSummary}, NULL when inexact). */
final class ChunkRows {

    static final String INSERT = "INSERT INTO ts_chunk (series_id, start_ts, end_ts, seq, count, num_count, dbl_count, "
            + "min, max, sum, first, last, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private ChunkRows() {
    }

    /** Adds the insert of {@code chunk} to the batch of {@code insert}, a statement of {@link #INSERT}. */
    static void addInsert(final PreparedStatement insert, final SealedChunk chunk) throws SQLException {
        final NumericSummary summary = chunk.summary();
        insert.setInt(1, chunk.series());
        insert.setLong(2, chunk.startTs());
        insert.setLong(3, chunk.endTs());
        insert.setLong(4, chunk.seq());
        insert.setInt(5, summary.count);
        insert.setInt(6, summary.numeric);
        insert.setInt(7, summary.doubles);
        final boolean stored = summary.numeric > 0 && summary.exact();
        setDouble(insert, 8, stored, summary.min);
        setDouble(insert, 9, stored, summary.max);
        setDouble(insert, 10, stored, summary.sum);
        setDouble(insert, 11, stored, summary.first);
        setDouble(insert, 12, stored, summary.last);
        insert.setBytes(13, chunk.data());
        insert.addBatch();
    }

    private static void setDouble(final PreparedStatement statement, final int index, final boolean stored,
                                  final double value) throws SQLException {
        if (stored && !Double.isNaN(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }
}
