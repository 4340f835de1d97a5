package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.telemetry.codec.ChunkCodec;
import io.hiveiot.deviceapi.telemetry.codec.Points;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One series' points in a time range, newest first, one per ts: its chunks, read lazily in order of their newest
 * point, merged with its unsealed runs. Before a point is given out, every chunk that could hold the same or a newer
 * ts has been read, and of several points at one ts the one from the run with the highest seq wins. A page of the
 * newest points of a long history reads a few chunks.
 */
final class SeriesHistory implements AutoCloseable {

    private static final String CHUNKS = "SELECT end_ts, seq, data FROM ts_chunk "
            + "WHERE series_id = ? AND end_ts >= ? AND start_ts <= ? ORDER BY end_ts DESC";

    private final long from;
    private final long newest;
    private final List<Cursor> cursors = new ArrayList<>();
    private final PreparedStatement select;
    private final ResultSet chunks;
    private boolean moreChunks;
    private long frontier;
    private Cursor current;
    private int currentIndex;
    private long currentTs;

    /** A run and the index of its next point, going backwards; -1 when done. */
    private static final class Cursor {
        final SeriesRun run;
        int index;

        Cursor(final SeriesRun run, final int index) {
            this.run = run;
            this.index = index;
        }

        long ts() {
            return run.points().ts(index);
        }
    }

    /**
     * @param from   inclusive
     * @param newest inclusive
     */
    SeriesHistory(
            final Connection connection,
            final int series,
            final long from,
            final long newest,
            final List<SeriesRun> unsealed)
            throws SQLException {
        this.from = from;
        this.newest = newest;
        for (final SeriesRun run : unsealed) {
            add(run);
        }
        select = connection.prepareStatement(CHUNKS);
        select.setInt(1, series);
        select.setLong(2, from);
        select.setLong(3, newest);
        chunks = select.executeQuery();
        fetchFrontier();
    }

    /** Moves to the next point, newest first; false when there is none left in the range. */
    boolean next() throws SQLException {
        while (true) {
            cursors.removeIf(cursor -> cursor.index < 0);
            long best = 0;
            boolean found = false;
            for (final Cursor cursor : cursors) {
                if (cursor.index >= 0 && (!found || cursor.ts() > best)) {
                    best = cursor.ts();
                    found = true;
                }
            }
            if (moreChunks && (!found || best <= frontier)) {
                loadChunk();
                continue;
            }
            if (!found) {
                return false;
            }
            Cursor winner = null;
            for (final Cursor cursor : cursors) {
                if (cursor.index >= 0
                        && cursor.ts() == best
                        && (winner == null || cursor.run.seq() > winner.run.seq())) {
                    winner = cursor;
                }
            }
            current = winner;
            currentIndex = winner.index;
            currentTs = best;
            for (final Cursor cursor : cursors) {
                if (cursor.index >= 0 && cursor.ts() == best) {
                    step(cursor);
                }
            }
            return true;
        }
    }

    long ts() {
        return currentTs;
    }

    TypedValue value() {
        return current.run.points().value(currentIndex);
    }

    /** The current point's type code and bits, for aggregates that need no value object. */
    Points points() {
        return current.run.points();
    }

    int index() {
        return currentIndex;
    }

    private void add(final SeriesRun run) {
        final var cursor = new Cursor(run, run.lastAtOrBefore(newest));
        if (cursor.index >= 0 && cursor.ts() < from) {
            cursor.index = -1;
        }
        cursors.add(cursor);
    }

    private void step(final Cursor cursor) {
        cursor.index--;
        if (cursor.index >= 0 && cursor.ts() < from) {
            cursor.index = -1;
        }
    }

    private void loadChunk() throws SQLException {
        final long seq = chunks.getLong(2);
        final Points points = ChunkCodec.decode(chunks.getBytes(3));
        add(new SeriesRun(points, seq));
        fetchFrontier();
    }

    private void fetchFrontier() throws SQLException {
        moreChunks = chunks.next();
        if (moreChunks) {
            frontier = chunks.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            chunks.close();
        } finally {
            select.close();
        }
    }
}
