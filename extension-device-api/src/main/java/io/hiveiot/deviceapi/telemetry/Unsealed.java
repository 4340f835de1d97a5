package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a read's series that are not in chunks yet: this node's heads, copied before the database is read,
 * and the ingest rows committed after the last one the heads had applied. Between the copy and the read, a head may
 * have been sealed: its points are then in both, with the chunk's seq at least the copy's, so the merge keeps one.
 * <p>
 * With one writer per database file (SQLite) every ingest row is this node's; a node sharing a database with others
 * will read their rows too, which the {@code writer} column tells apart.
 */
final class Unsealed {

    private static final String ROWS_AFTER = "SELECT id, points FROM ts_ingest WHERE id > ? ORDER BY id";

    private final Map<Integer, List<SeriesRun>> runs;

    private Unsealed(final Map<Integer, List<SeriesRun>> runs) {
        this.runs = runs;
    }

    /**
     * Reads, inside the read's transaction, the rows after {@code heads.applied()}, for the series in
     * {@code sealedTo} (series id → its {@code sealed_to}: points from rows up to it are in chunks already).
     */
    static Unsealed read(final Connection connection, final Heads.Snapshot heads, final Map<Integer, Long> sealedTo)
            throws SQLException {
        final var runs = new HashMap<Integer, List<SeriesRun>>();
        heads.runs().forEach((id, ofSeries) -> runs.put(id, new ArrayList<>(ofSeries)));
        final var fromRows = new HashMap<Integer, Points>();
        long lastRow = 0;
        try (PreparedStatement select = connection.prepareStatement(ROWS_AFTER)) {
            select.setLong(1, heads.applied());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    final long row = rows.getLong(1);
                    lastRow = row;
                    IngestCodec.decode(rows.getBytes(2), (id, ts, type, bits, text) -> {
                        final Long sealed = sealedTo.get(id);
                        if (sealed != null && row > sealed) {
                            fromRows.computeIfAbsent(id, any -> new Points(16)).add(ts, type, bits, text);
                        }
                    });
                }
            }
        }
        final long seq = lastRow;
        fromRows.forEach((id, points) -> runs.computeIfAbsent(id, any -> new ArrayList<>())
                .add(SeriesRun.ofArrivals(points, seq)));
        return new Unsealed(runs);
    }

    /** The runs of one series, newest write last. */
    List<SeriesRun> of(final int series) {
        return runs.getOrDefault(series, List.of());
    }

    Collection<Integer> series() {
        return runs.keySet();
    }
}
