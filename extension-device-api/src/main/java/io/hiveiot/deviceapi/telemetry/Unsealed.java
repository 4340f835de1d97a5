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
import java.util.Set;

/**
 * The points of a read's series that are not in chunks yet: this node's heads, copied before the database is read,
 * and the ingest rows the copy does not include ({@link IngestRows#notInHeads}): this node's rows committed after the
 * last one the heads had applied and, on a database shared with other nodes, every row of theirs. Between the copy
 * and the read, a head may have been sealed; a row may still be there after its points were sealed (it goes once
 * every series in it is): such points are then in a chunk too, with a seq at least as high, and the merge keeps one.
 */
final class Unsealed {

    private final Map<Integer, List<SeriesRun>> runs;

    private Unsealed(final Map<Integer, List<SeriesRun>> runs) {
        this.runs = runs;
    }

    /** Reads, inside the read's transaction, the rows not in {@code heads}, for the {@code series} wanted. */
    static Unsealed read(
            final Connection connection, final Heads.Snapshot heads, final IngestRows rows, final Set<Integer> series)
            throws SQLException {
        final var runs = new HashMap<Integer, List<SeriesRun>>();
        heads.runs().forEach((id, ofSeries) -> runs.put(id, new ArrayList<>(ofSeries)));
        final var fromRows = new HashMap<Integer, Points>();
        long lastRow = 0;
        try (PreparedStatement select = rows.notInHeads(connection, heads.applied());
                ResultSet found = select.executeQuery()) {
            while (found.next()) {
                lastRow = found.getLong(1);
                IngestCodec.decode(found.getBytes(2), (id, ts, type, bits, text) -> {
                    if (series.contains(id)) {
                        fromRows.computeIfAbsent(id, any -> new Points(16)).add(ts, type, bits, text);
                    }
                });
            }
        }
        final long seq = lastRow;
        fromRows.forEach((id, points) ->
                runs.computeIfAbsent(id, any -> new ArrayList<>()).add(SeriesRun.ofArrivals(points, seq)));
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
