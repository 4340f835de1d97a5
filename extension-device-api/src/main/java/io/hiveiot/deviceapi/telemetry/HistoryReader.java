package io.hiveiot.deviceapi.telemetry;

import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.HISTORY;

/**
 * Reads a history page as a merge of one descending range scan per key. Each scan walks the primary key
 * (device_id, key, ts) backwards and is read lazily, so a page costs about {@code limit} rows however long the
 * time range is; a single {@code ORDER BY ts DESC} over several keys would sort the whole range first.
 */
final class HistoryReader {

    /** History order: newest first, ties by key. Java's key order is used for the cursor too, so they agree. */
    private static final Comparator<Head> ORDER = Comparator.comparingLong(Head::ts).reversed()
            .thenComparing(Head::key);

    private HistoryReader() {
    }

    /** The current row of one key's scan. */
    private record Head(String key, long ts, Record row, Cursor<Record> scan) {
    }

    /**
     * @param from  inclusive
     * @param to    exclusive, as ThingsBoard's {@code endTs}
     * @param limit 1 to {@link TelemetryStore#MAX_LIMIT}
     */
    static HistoryPage read(final DSLContext dsl, final String deviceId, final Set<String> keys, final long from,
                            final long to, final int limit, final Optional<HistoryCursor> after) {
        if (to <= from) {
            return HistoryPage.empty();
        }
        final var scans = new ArrayList<Cursor<Record>>(keys.size());
        try {
            final var heads = new PriorityQueue<>(ORDER);
            for (final String key : keys) {
                final OptionalLong newest = newestTs(key, to, after);
                if (newest.isEmpty() || newest.getAsLong() < from) {
                    continue;
                }
                final Cursor<Record> scan = scan(dsl, deviceId, key, from, newest.getAsLong(), limit + 1);
                scans.add(scan);
                advance(heads, key, scan);
            }
            final var entries = new ArrayList<TsEntry>(Math.min(limit + 1, 1024));
            while (entries.size() <= limit && !heads.isEmpty()) {
                final Head head = heads.poll();
                entries.add(new TsEntry(head.key(), head.ts(), HISTORY.read(head.row())));
                advance(heads, head.key(), head.scan());
            }
            if (entries.size() <= limit) {
                return new HistoryPage(entries, Optional.empty());
            }
            entries.remove(limit);
            final TsEntry last = entries.get(limit - 1);
            return new HistoryPage(entries, Optional.of(new HistoryCursor(last.ts(), last.key())));
        } finally {
            scans.forEach(Cursor::close);
        }
    }

    /** The newest ts this key can contribute: below {@code to}, and after the cursor. */
    private static OptionalLong newestTs(final String key, final long to, final Optional<HistoryCursor> after) {
        final long beforeTo = to - 1; // to > from, so no overflow
        if (after.isEmpty()) {
            return OptionalLong.of(beforeTo);
        }
        final OptionalLong afterCursor = after.get().newestTsAfter(key);
        return afterCursor.isEmpty() ? afterCursor : OptionalLong.of(Math.min(beforeTo, afterCursor.getAsLong()));
    }

    private static Cursor<Record> scan(final DSLContext dsl, final String deviceId, final String key,
                                       final long from, final long newest, final int limit) {
        final var fields = new ArrayList<SelectFieldOrAsterisk>();
        fields.add(TS_KV.TS);
        fields.addAll(HISTORY.fields());
        return dsl.select(fields)
                .from(TS_KV)
                .where(TS_KV.DEVICE_ID.eq(deviceId), TS_KV.KEY.eq(key), TS_KV.TS.between(from, newest))
                .orderBy(TS_KV.TS.desc())
                .limit(limit)
                .fetchLazy();
    }

    private static void advance(final PriorityQueue<Head> heads, final String key, final Cursor<Record> scan) {
        final Record row = scan.fetchNext();
        if (row != null) {
            heads.add(new Head(key, row.get(TS_KV.TS), row, scan));
        }
    }
}
