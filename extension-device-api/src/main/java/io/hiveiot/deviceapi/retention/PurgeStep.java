package io.hiveiot.deviceapi.retention;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.ResultQuery;

import java.util.Optional;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_LATEST;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/**
 * One bounded step of a telemetry purge, run on the writer thread. It walks the series (device, key) in the order
 * of {@code ts_kv_latest}, which lists every series of the history, so the history needs no index on ts alone (that
 * index would cost every single insert). Per step it visits at most {@code batchSize} series and deletes at most
 * {@code batchSize} points, the oldest of each series first.
 */
final class PurgeStep {

    private PurgeStep() {
    }

    /** Where the next step starts: at a series (it may hold more old points) or just after it. */
    record Position(String deviceId, String key, boolean inclusive) {

        Condition atOrAfter() {
            final var series = row(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY);
            return inclusive ? series.ge(deviceId, key) : series.gt(deviceId, key);
        }
    }

    /** @param next empty when the walk is done */
    record Outcome(int deleted, Optional<Position> next) {
    }

    static Outcome run(final DSLContext dsl, final long cutoff, final Optional<Position> start, final int batchSize) {
        final Result<Record2<String, String>> window = window(dsl, start, batchSize).fetch();
        if (window.isEmpty()) {
            return new Outcome(0, Optional.empty());
        }
        final Record2<String, String> lastSeries = window.get(window.size() - 1);
        final Result<Record3<String, String, Long>> old =
                oldestPoints(dsl, cutoff, start, lastSeries.value1(), lastSeries.value2(), batchSize).fetch();
        final int deleted = delete(dsl, old);
        if (old.size() == batchSize) {
            final Record3<String, String, Long> last = old.get(old.size() - 1);
            return new Outcome(deleted, Optional.of(new Position(last.value1(), last.value2(), true)));
        }
        if (window.size() < batchSize) {
            return new Outcome(deleted, Optional.empty());
        }
        return new Outcome(deleted, Optional.of(new Position(lastSeries.value1(), lastSeries.value2(), false)));
    }

    /** The next {@code batchSize} series from {@code start} on. */
    static ResultQuery<Record2<String, String>> window(final DSLContext dsl, final Optional<Position> start,
                                                      final int batchSize) {
        return dsl.select(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY)
                .from(TS_KV_LATEST)
                .where(start.map(Position::atOrAfter).orElse(noCondition()))
                .orderBy(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY)
                .limit(batchSize);
    }

    /** Up to {@code batchSize} points older than the cutoff in the window's series, oldest of each series first. */
    static ResultQuery<Record3<String, String, Long>> oldestPoints(final DSLContext dsl, final long cutoff,
                                                                  final Optional<Position> start,
                                                                  final String lastDeviceId, final String lastKey,
                                                                  final int batchSize) {
        return dsl.select(TS_KV.DEVICE_ID, TS_KV.KEY, TS_KV.TS)
                .from(TS_KV_LATEST)
                .join(TS_KV).on(TS_KV.DEVICE_ID.eq(TS_KV_LATEST.DEVICE_ID), TS_KV.KEY.eq(TS_KV_LATEST.KEY),
                        TS_KV.TS.lt(cutoff))
                .where(start.map(Position::atOrAfter).orElse(noCondition()),
                        row(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY).le(lastDeviceId, lastKey))
                .orderBy(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY, TS_KV.TS)
                .limit(batchSize);
    }

    /**
     * Deletes the selected points, one range per series: they are the oldest points of their series, so
     * "ts up to the newest selected" deletes exactly them.
     */
    private static int delete(final DSLContext dsl, final Result<Record3<String, String, Long>> old) {
        if (old.isEmpty()) {
            return 0;
        }
        final var batch = dsl.batch(dsl.deleteFrom(TS_KV).where(TS_KV.DEVICE_ID.eq((String) null),
                TS_KV.KEY.eq((String) null), TS_KV.TS.le((Long) null)));
        for (int i = 0; i < old.size(); i++) {
            final Record3<String, String, Long> point = old.get(i);
            final boolean lastOfSeries = i == old.size() - 1
                    || !point.value1().equals(old.get(i + 1).value1())
                    || !point.value2().equals(old.get(i + 1).value2());
            if (lastOfSeries) {
                batch.bind(point.value1(), point.value2(), point.value3());
            }
        }
        int deleted = 0;
        for (final int rows : batch.execute()) {
            deleted += rows;
        }
        return deleted;
    }
}
