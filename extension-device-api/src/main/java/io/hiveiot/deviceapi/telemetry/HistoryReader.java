package io.hiveiot.deviceapi.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * Reads a history page as a merge of one {@link SeriesHistory} per key, each newest first, so a page costs about
 * {@code limit} points (and the chunks that hold them) however long the time range is.
 */
final class HistoryReader {

    /** History order: newest first, ties by key. Java's key order is used for the cursor too, so they agree. */
    private static final Comparator<Head> ORDER =
            Comparator.comparingLong(Head::ts).reversed().thenComparing(Head::key);

    private HistoryReader() {}

    /** The current point of one key's history. */
    private record Head(String key, long ts, SeriesHistory history) {}

    /**
     * @param series the device's series of the keys asked for (key → id); keys without a series have no history
     * @param from   inclusive
     * @param to     exclusive, as ThingsBoard's {@code endTs}
     * @param limit  1 to {@link TelemetryStore#MAX_LIMIT}
     */
    static HistoryPage read(
            final Connection connection,
            final Map<String, Integer> series,
            final Unsealed unsealed,
            final long from,
            final long to,
            final int limit,
            final Optional<HistoryCursor> after)
            throws SQLException {
        if (to <= from) {
            return HistoryPage.empty();
        }
        final var histories = new ArrayList<SeriesHistory>(series.size());
        try {
            final var heads = new PriorityQueue<>(ORDER);
            for (final Map.Entry<String, Integer> key : series.entrySet()) {
                final OptionalLong newest = newestTs(key.getKey(), to, after);
                if (newest.isEmpty() || newest.getAsLong() < from) {
                    continue;
                }
                final var history = new SeriesHistory(
                        connection, key.getValue(), from, newest.getAsLong(), unsealed.of(key.getValue()));
                histories.add(history);
                advance(heads, key.getKey(), history);
            }
            final var entries = new ArrayList<TsEntry>(Math.min(limit + 1, 1024));
            while (entries.size() <= limit && !heads.isEmpty()) {
                final Head head = heads.poll();
                entries.add(new TsEntry(head.key(), head.ts(), head.history().value()));
                advance(heads, head.key(), head.history());
            }
            if (entries.size() <= limit) {
                return new HistoryPage(entries, Optional.empty());
            }
            entries.remove(limit);
            final TsEntry last = entries.get(limit - 1);
            return new HistoryPage(entries, Optional.of(new HistoryCursor(last.ts(), last.key())));
        } finally {
            for (final SeriesHistory history : histories) {
                history.close();
            }
        }
    }

    /** The newest ts this key can contribute: below {@code to}, and after the cursor. */
    static OptionalLong newestTs(final String key, final long to, final Optional<HistoryCursor> after) {
        final long beforeTo = to - 1; // to > from, so no overflow
        if (after.isEmpty()) {
            return OptionalLong.of(beforeTo);
        }
        final OptionalLong afterCursor = after.get().newestTsAfter(key);
        return afterCursor.isEmpty() ? afterCursor : OptionalLong.of(Math.min(beforeTo, afterCursor.getAsLong()));
    }

    private static void advance(final PriorityQueue<Head> heads, final String key, final SeriesHistory history)
            throws SQLException {
        if (history.next()) {
            heads.add(new Head(key, history.ts(), history));
        }
    }
}
