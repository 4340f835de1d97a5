package io.hiveiot.deviceapi.telemetry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes {@code ts_chunk} rows: the chunk, its summary columns ({@link NumericSummary}, NULL when inexact) and
 * whether it shares time with another chunk of its series ({@code overlaps}, set on both; quoted, as it is a
 * reserved word of PostgreSQL).
 */
final class ChunkRows {

    static final String INSERT = "INSERT INTO ts_chunk (series_id, start_ts, end_ts, seq, count, num_count, dbl_count, "
            + "min, max, sum, first, last, data, \"overlaps\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Marks the chunks of a series that share time with [start, end]; none, and a quick look, for points in order. */
    static final String MARK_OVERLAPS =
            "UPDATE ts_chunk SET \"overlaps\" = TRUE " + "WHERE series_id = ? AND end_ts >= ? AND start_ts <= ?";

    private ChunkRows() {}

    /**
     * Inserts {@code chunk}, marked as overlapping, together with the chunks it overlaps, when one of its series
     * shares time with it.
     *
     * @param markOverlaps a statement of {@link #MARK_OVERLAPS}
     * @param insert       a statement of {@link #INSERT}
     */
    static void insert(final PreparedStatement markOverlaps, final PreparedStatement insert, final SealedChunk chunk)
            throws SQLException {
        markOverlaps.setInt(1, chunk.series());
        markOverlaps.setLong(2, chunk.startTs());
        markOverlaps.setLong(3, chunk.endTs());
        bind(insert, chunk, markOverlaps.executeUpdate() > 0);
        insert.executeUpdate();
    }

    /**
     * Adds the insert of {@code chunk}, not marked as overlapping, to the batch of {@code insert}, a statement of
     * {@link #INSERT}: for chunks that share no time with any other of their series.
     */
    static void addInsert(final PreparedStatement insert, final SealedChunk chunk) throws SQLException {
        bind(insert, chunk, false);
        insert.addBatch();
    }

    private static void bind(final PreparedStatement insert, final SealedChunk chunk, final boolean overlaps)
            throws SQLException {
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
        insert.setBoolean(14, overlaps);
    }

    private static void setDouble(
            final PreparedStatement statement, final int index, final boolean stored, final double value)
            throws SQLException {
        if (stored && !Double.isNaN(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }
}
