package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.telemetry.codec.ChunkCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a history aggregated per interval ({@code [from + i·interval, from + (i+1)·interval)}, the last one cut at
 * {@code to}), an entry per key and interval with data, at the interval's middle as ThingsBoard places it. A chunk
 * that lies inside one interval and that no other chunk or unsealed point of its series overlaps counts with its
 * stored summary; every other chunk is decoded and merged with the unsealed points, the later write winning at an
 * equal ts. Entries come in history order (newest first, ties by key) and are paged like the points.
 * <p>
 * The database sums the summaries: one statement groups the range's chunks that are answered by their summaries per
 * series and interval, another one hands over the data of the others. A day of 1 s points of 100 series is some
 * 34,000 chunks but only as many rows as intervals, and chunks to decode.
 */
final class AggregateReader {

    private static final int IDS_PER_STATEMENT = 500;
    private static final Comparator<TsEntry> ORDER =
            Comparator.comparingLong(TsEntry::ts).reversed().thenComparing(TsEntry::key);

    /** A chunk answered by its summary: inside one interval, summarized, sharing no time with another chunk. */
    private static final String SUMMARIZED = "end_ts < ? AND start_ts >= ? AND NOT \"overlaps\" "
            + "AND (num_count = 0 OR min IS NOT NULL) AND (start_ts - ?) / ? = (end_ts - ?) / ?";

    /**
     * Per series and interval index, the summed summaries: count, numeric count, double count, min, max, sum, sum
     * of the absolute sums, first start, last end. Parameters: from, interval, the series ids, from, to, then those
     * of {@link #SUMMARIZED}.
     */
    private static String summed(final int series) {
        return "SELECT series_id, bucket, SUM(count), SUM(num_count), SUM(dbl_count), MIN(min), MAX(max), SUM(sum), "
                + "SUM(ABS(sum)), MIN(start_ts), MAX(end_ts) FROM (SELECT series_id, (start_ts - ?) / ? AS bucket, "
                + "start_ts, end_ts, count, num_count, dbl_count, min, max, sum FROM ts_chunk "
                + "WHERE series_id IN (" + "?,".repeat(series - 1) + "?) AND end_ts >= ? AND start_ts < ? AND "
                + SUMMARIZED + ") w GROUP BY series_id, bucket";
    }

    /** The chunks to decode: series, seq, data. Parameters: the series ids, from, to, then those of SUMMARIZED. */
    private static String decoded(final int series) {
        return "SELECT series_id, seq, data FROM ts_chunk WHERE series_id IN (" + "?,".repeat(series - 1) + "?) "
                + "AND end_ts >= ? AND start_ts < ? AND NOT (" + SUMMARIZED + ")";
    }

    /** An interval's chunks answered by their summaries: the summed columns and the time they cover. */
    private record Summed(
            int index,
            int count,
            int numeric,
            int doubles,
            double min,
            double max,
            double sum,
            double absoluteSum,
            long firstStart,
            long lastEnd) {}

    /** What the statement returned for one series. */
    private static final class OfSeries {
        final List<SeriesRun> decoded = new ArrayList<>();
        final List<Summed> summed = new ArrayList<>();
    }

    private AggregateReader() {}

    /** The number of intervals of {@code [from, to)}. */
    static long intervals(final long from, final long to, final long interval) {
        final long span = Math.subtractExact(to, from);
        return span / interval + (span % interval == 0 ? 0 : 1);
    }

    static HistoryPage read(
            final Connection connection,
            final Map<String, Integer> series,
            final Unsealed unsealed,
            final long from,
            final long to,
            final Aggregation aggregation,
            final long interval,
            final int limit,
            final Optional<HistoryCursor> after)
            throws SQLException {
        if (to <= from) {
            return HistoryPage.empty();
        }
        final Map<Integer, OfSeries> chunks = chunks(connection, List.copyOf(series.values()), from, to, interval);
        final var entries = new ArrayList<TsEntry>();
        for (final Map.Entry<String, Integer> key : series.entrySet()) {
            final NumericSummary[] summaries = aggregate(
                    connection,
                    key.getValue(),
                    chunks.getOrDefault(key.getValue(), new OfSeries()),
                    unsealed.of(key.getValue()),
                    from,
                    to,
                    interval);
            for (int i = 0; i < summaries.length; i++) {
                final TypedValue value = summaries[i] == null ? null : summaries[i].result(aggregation);
                if (value != null) {
                    final long start = from + i * interval;
                    final long end = Math.min(to, start + interval);
                    entries.add(new TsEntry(key.getKey(), start + (end - start) / 2, value));
                }
            }
        }
        entries.sort(ORDER);
        final var page = new ArrayList<TsEntry>(Math.min(limit + 1, entries.size()));
        for (final TsEntry entry : entries) {
            if (after.isEmpty()
                    || ORDER.compare(
                                    entry,
                                    new TsEntry(after.get().key(), after.get().ts(), entry.value()))
                            > 0) {
                page.add(entry);
                if (page.size() > limit) {
                    break;
                }
            }
        }
        if (page.size() <= limit) {
            return new HistoryPage(page, Optional.empty());
        }
        page.remove(limit);
        final TsEntry last = page.get(limit - 1);
        return new HistoryPage(page, Optional.of(new HistoryCursor(last.ts(), last.key())));
    }

    /** One series' accumulator per interval, null where the interval has no point. */
    private static NumericSummary[] aggregate(
            final Connection connection,
            final int series,
            final OfSeries chunks,
            final List<SeriesRun> unsealed,
            final long from,
            final long to,
            final long interval)
            throws SQLException {
        final var summaries = new NumericSummary[(int) intervals(from, to, interval)];
        final var runs = new ArrayList<SeriesRun>(unsealed);
        runs.addAll(chunks.decoded);
        for (final Summed summed : chunks.summed) {
            if (anyUnsealedIn(unsealed, summed.firstStart(), summed.lastEnd())) {
                // a point not sealed yet may share a ts with one of these chunks: decode them instead (rare: the
                // unsealed points are mostly newer than every chunk); the ones decoded already come twice, and
                // the merge keeps one point per ts
                final long start = from + summed.index() * interval;
                runs.addAll(wholeChunks(connection, series, start, Math.min(to, start + interval)));
            } else {
                summary(summaries, summed.index())
                        .add(
                                summed.count(),
                                summed.numeric(),
                                summed.doubles(),
                                summed.min(),
                                summed.max(),
                                summed.sum(),
                                summed.absoluteSum());
            }
        }
        ChunkMerge.forEach(runs, (points, index) -> {
            final long ts = points.ts(index);
            if (ts >= from && ts < to) {
                summary(summaries, (int) ((ts - from) / interval)).add(points.type(index), points.bits(index));
            }
        });
        return summaries;
    }

    private static NumericSummary summary(final NumericSummary[] summaries, final int index) {
        if (summaries[index] == null) {
            summaries[index] = new NumericSummary();
        }
        return summaries[index];
    }

    private static boolean anyUnsealedIn(final List<SeriesRun> runs, final long from, final long to) {
        for (final SeriesRun run : runs) {
            final int index = run.lastAtOrBefore(to);
            if (index >= 0 && run.points().ts(index) >= from) {
                return true;
            }
        }
        return false;
    }

    private static Map<Integer, OfSeries> chunks(
            final Connection connection,
            final List<Integer> series,
            final long from,
            final long to,
            final long interval)
            throws SQLException {
        final var chunks = new HashMap<Integer, OfSeries>();
        final long[] summarized = {to, from, from, interval, from, interval};
        for (int first = 0; first < series.size(); first += IDS_PER_STATEMENT) {
            final List<Integer> part = series.subList(first, Math.min(series.size(), first + IDS_PER_STATEMENT));
            try (PreparedStatement select = connection.prepareStatement(summed(part.size()))) {
                int parameter = bind(select, 1, from, interval);
                for (final int id : part) {
                    select.setInt(parameter++, id);
                }
                bind(select, bind(select, parameter, from, to), summarized);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        final int numeric = rows.getInt(4);
                        chunks.computeIfAbsent(rows.getInt(1), any -> new OfSeries())
                                .summed
                                .add(new Summed(
                                        rows.getInt(2),
                                        rows.getInt(3),
                                        numeric,
                                        rows.getInt(5),
                                        numeric == 0 ? 0 : rows.getDouble(6),
                                        numeric == 0 ? 0 : rows.getDouble(7),
                                        numeric == 0 ? 0 : rows.getDouble(8),
                                        numeric == 0 ? 0 : rows.getDouble(9),
                                        rows.getLong(10),
                                        rows.getLong(11)));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(decoded(part.size()))) {
                int parameter = 1;
                for (final int id : part) {
                    select.setInt(parameter++, id);
                }
                bind(select, bind(select, parameter, from, to), summarized);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        chunks.computeIfAbsent(rows.getInt(1), any -> new OfSeries())
                                .decoded
                                .add(new SeriesRun(ChunkCodec.decode(rows.getBytes(3)), rows.getLong(2)));
                    }
                }
            }
        }
        return chunks;
    }

    /** @return the next parameter's index */
    private static int bind(final PreparedStatement statement, final int first, final long... values)
            throws SQLException {
        int parameter = first;
        for (final long value : values) {
            statement.setLong(parameter++, value);
        }
        return parameter;
    }

    /** The chunks of a series that lie inside {@code [start, end)}. */
    private static List<SeriesRun> wholeChunks(
            final Connection connection, final int series, final long start, final long end) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, data FROM ts_chunk "
                + "WHERE series_id = ? AND end_ts >= ? AND end_ts < ? AND start_ts >= ?")) {
            select.setInt(1, series);
            select.setLong(2, start);
            select.setLong(3, end);
            select.setLong(4, start);
            final var runs = new ArrayList<SeriesRun>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(new SeriesRun(ChunkCodec.decode(rows.getBytes(2)), rows.getLong(1)));
                }
            }
            return runs;
        }
    }
}
