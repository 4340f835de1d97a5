package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.telemetry.codec.ChunkCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a history aggregated per interval ({@code [from + i·interval, from + (i+1)·interval)}, the last one cut at
 * {@code to}), an entry per key and interval with data, at the interval's middle as ThingsBoard places it. A chunk
 * that lies inside one interval and that no other chunk or unsealed point of its series overlaps counts with its
 * stored summary; every other chunk is decoded and merged with the unsealed points, the later write winning at an
 * equal ts. Entries come in history order (newest first, ties by key) and are paged like the points.
 */
final class AggregateReader {

    private static final String METAS = "SELECT id, start_ts, end_ts, count, num_count, dbl_count, min, max, sum "
            + "FROM ts_chunk WHERE series_id = ? AND end_ts >= ? AND start_ts < ?";
    private static final int IDS_PER_STATEMENT = 500;
    private static final Comparator<TsEntry> ORDER = Comparator.comparingLong(TsEntry::ts).reversed()
            .thenComparing(TsEntry::key);

    /** A chunk's row without its data; {@code min} null when its summary is not stored. */
    private record Meta(long id, long startTs, long endTs, int count, int numeric, int doubles, Double min,
                        Double max, Double sum) {
    }

    private AggregateReader() {
    }

    /** The number of intervals of {@code [from, to)}. */
    static long intervals(final long from, final long to, final long interval) {
        final long span = Math.subtractExact(to, from);
        return span / interval + (span % interval == 0 ? 0 : 1);
    }

    static HistoryPage read(final Connection connection, final Map<String, Integer> series, final Unsealed unsealed,
                            final long from, final long to, final Aggregation aggregation, final long interval,
                            final int limit, final Optional<HistoryCursor> after) throws SQLException {
        if (to <= from) {
            return HistoryPage.empty();
        }
        final var entries = new ArrayList<TsEntry>();
        for (final Map.Entry<String, Integer> key : series.entrySet()) {
            final NumericSummary[] summaries = aggregate(connection, key.getValue(), unsealed.of(key.getValue()),
                    from, to, interval);
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
            if (after.isEmpty() || ORDER.compare(entry, new TsEntry(after.get().key(), after.get().ts(), entry.value()))
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
    private static NumericSummary[] aggregate(final Connection connection, final int series,
                                              final List<SeriesRun> unsealed, final long from, final long to,
                                              final long interval) throws SQLException {
        final var summaries = new NumericSummary[(int) intervals(from, to, interval)];
        final List<Meta> metas = metas(connection, series, from, to);
        final boolean[] overlapping = overlapping(metas);
        final var decode = new ArrayList<Long>();
        for (int i = 0; i < metas.size(); i++) {
            final Meta meta = metas.get(i);
            final boolean whole = meta.startTs() >= from && meta.endTs() < to
                    && (meta.startTs() - from) / interval == (meta.endTs() - from) / interval;
            final boolean summarized = meta.numeric() == 0 || meta.min() != null;
            if (whole && summarized && !overlapping[i] && !anyUnsealedIn(unsealed, meta.startTs(), meta.endTs())) {
                final int index = (int) ((meta.startTs() - from) / interval);
                summary(summaries, index).add(meta.count(), meta.numeric(), meta.doubles(),
                        meta.numeric() == 0 ? 0 : meta.min(), meta.numeric() == 0 ? 0 : meta.max(),
                        meta.numeric() == 0 ? 0 : meta.sum());
            } else {
                decode.add(meta.id());
            }
        }
        final var runs = new ArrayList<SeriesRun>(unsealed);
        runs.addAll(decoded(connection, decode));
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

    /** Which chunks share time with another one (their points may hold the same ts). */
    private static boolean[] overlapping(final List<Meta> metas) {
        final var order = new ArrayList<Integer>(metas.size());
        for (int i = 0; i < metas.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> metas.get(i).startTs()));
        final boolean[] overlapping = new boolean[metas.size()];
        for (int a = 0; a < order.size(); a++) {
            final Meta first = metas.get(order.get(a));
            for (int b = a + 1; b < order.size() && metas.get(order.get(b)).startTs() <= first.endTs(); b++) {
                overlapping[order.get(a)] = true;
                overlapping[order.get(b)] = true;
            }
        }
        return overlapping;
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

    private static List<Meta> metas(final Connection connection, final int series, final long from, final long to)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(METAS)) {
            select.setInt(1, series);
            select.setLong(2, from);
            select.setLong(3, to);
            final var metas = new ArrayList<Meta>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    metas.add(new Meta(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getInt(4),
                            rows.getInt(5), rows.getInt(6), nullableDouble(rows, 7), nullableDouble(rows, 8),
                            nullableDouble(rows, 9)));
                }
            }
            return metas;
        }
    }

    private static List<SeriesRun> decoded(final Connection connection, final List<Long> ids) throws SQLException {
        final var runs = new ArrayList<SeriesRun>(ids.size());
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            final List<Long> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
            final String sql = "SELECT seq, data FROM ts_chunk WHERE id IN (" + "?,".repeat(part.size() - 1) + "?)";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < part.size(); i++) {
                    select.setLong(i + 1, part.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        runs.add(new SeriesRun(ChunkCodec.decode(rows.getBytes(2)), rows.getLong(1)));
                    }
                }
            }
        }
        return runs;
    }

    private static Double nullableDouble(final ResultSet row, final int column) throws SQLException {
        final double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
