package io.hiveiot.deviceapi.retention;

import org.jooq.DSLContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Optional;

/**
 * One bounded step of a telemetry purge, run on the writer thread: whole chunks whose newest point is older than the
 * cutoff are dropped, never single points. It walks the series by id, dropping each one's expired chunks through
 * the (series_id, end_ts) index; per step it visits at most {@code batchSize} series and drops at most
 * {@code batchSize} chunks. Points not sealed yet are left alone: once sealed, their chunk goes at the next purge.
 */
final class PurgeStep {

    private static final String SERIES = "SELECT id FROM series WHERE id >= ? ORDER BY id LIMIT ?";
    private static final String DROP = "DELETE FROM ts_chunk WHERE id IN "
            + "(SELECT id FROM ts_chunk WHERE series_id = ? AND end_ts < ? ORDER BY end_ts LIMIT ?)";

    private PurgeStep() {}

    /** @param next empty when the walk is done; else the series to start the next step at */
    record Outcome(int dropped, Optional<Integer> next) {}

    static Outcome run(final DSLContext dsl, final long cutoff, final int start, final int batchSize) {
        return dsl.connectionResult(connection -> {
            final var series = new ArrayList<Integer>(batchSize);
            try (PreparedStatement select = connection.prepareStatement(SERIES)) {
                select.setInt(1, start);
                select.setInt(2, batchSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        series.add(rows.getInt(1));
                    }
                }
            }
            int dropped = 0;
            try (PreparedStatement drop = connection.prepareStatement(DROP)) {
                for (final int id : series) {
                    drop.setInt(1, id);
                    drop.setLong(2, cutoff);
                    drop.setInt(3, batchSize - dropped);
                    dropped += drop.executeUpdate();
                    if (dropped >= batchSize) {
                        // this series may hold more: the next step starts with it again
                        return new Outcome(dropped, Optional.of(id));
                    }
                }
            }
            if (series.size() < batchSize) {
                return new Outcome(dropped, Optional.empty());
            }
            return new Outcome(dropped, Optional.of(series.get(series.size() - 1) + 1));
        });
    }
}
