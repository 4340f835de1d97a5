package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hiveiot.deviceapi.schema.Tables.TS_LATEST;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.LATEST;

/**
 * Each series' latest value: the newest unsealed point when its ts is at least the sealed latest one's (unsealed
 * points are later writes than anything sealed of their series), else {@code ts_latest}.
 */
final class LatestReader {

    private static final int IDS_PER_STATEMENT = 500;

    private LatestReader() {}

    /** @param series key → series id, in the order of the answer */
    static Map<String, TsValue> read(final DSLContext dsl, final Map<String, Integer> series, final Unsealed unsealed) {
        final Map<Integer, TsValue> sealed = sealed(dsl, List.copyOf(series.values()));
        final var latest = new LinkedHashMap<String, TsValue>();
        series.forEach((key, id) -> {
            final TsValue newest = newestUnsealed(unsealed.of(id));
            final TsValue stored = sealed.get(id);
            if (newest != null && (stored == null || newest.ts() >= stored.ts())) {
                latest.put(key, newest);
            } else if (stored != null) {
                latest.put(key, stored);
            }
        });
        return latest;
    }

    private static TsValue newestUnsealed(final List<SeriesRun> runs) {
        SeriesRun best = null;
        for (final SeriesRun run : runs) {
            if (best == null
                    || run.lastTs() > best.lastTs()
                    || run.lastTs() == best.lastTs() && run.seq() > best.seq()) {
                best = run;
            }
        }
        if (best == null) {
            return null;
        }
        final Points points = best.points();
        return new TsValue(best.lastTs(), points.value(points.size() - 1));
    }

    private static Map<Integer, TsValue> sealed(final DSLContext dsl, final List<Integer> ids) {
        final var fields = new ArrayList<SelectFieldOrAsterisk>();
        fields.add(TS_LATEST.SERIES_ID);
        fields.add(TS_LATEST.TS);
        fields.addAll(LATEST.fields());
        final var values = new HashMap<Integer, TsValue>();
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            for (final Record row : dsl.select(fields)
                    .from(TS_LATEST)
                    .where(TS_LATEST.SERIES_ID.in(ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT))))
                    .fetch()) {
                values.put(row.get(TS_LATEST.SERIES_ID), new TsValue(row.get(TS_LATEST.TS), LATEST.read(row)));
            }
        }
        return values;
    }
}
