package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.storage.ValueColumns;
import io.hiveiot.registry.sqlite.StatementCache;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_LATEST;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.HISTORY;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.LATEST;
import static org.jooq.impl.DSL.excluded;

/**
 * One append, run on the writer thread: every point into the history (an existing (device, key, ts) takes the new
 * value), then each key's newest point into the latest table unless a newer one is there already.
 * <p>
 * This is the hottest write of the extension, so it skips jOOQ at run time: the two upserts are rendered by jOOQ
 * from the generated tables once, kept prepared on the writer's connection, and executed as JDBC batches. Rendering
 * and preparing them on every append took about four fifths of the writer's time.
 */
final class TelemetryAppend {

    private static final DSLContext RENDERER = DSL.using(SQLDialect.SQLITE);

    private static final String HISTORY_UPSERT = RENDERER.render(
            insertOneRow(TS_KV, List.of(TS_KV.DEVICE_ID, TS_KV.KEY, TS_KV.TS), HISTORY)
                    .onConflict(TS_KV.DEVICE_ID, TS_KV.KEY, TS_KV.TS)
                    .doUpdate()
                    .set(HISTORY.fromExcluded()));

    private static final String LATEST_UPSERT = RENDERER.render(
            insertOneRow(TS_KV_LATEST, List.of(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY, TS_KV_LATEST.TS), LATEST)
                    .onConflict(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY)
                    .doUpdate()
                    .set(LATEST.fromExcluded())
                    .set(TS_KV_LATEST.TS, excluded(TS_KV_LATEST.TS))
                    .where(excluded(TS_KV_LATEST.TS).ge(TS_KV_LATEST.TS)));

    private TelemetryAppend() {
    }

    private record Point(String key, long ts, TypedValue value) {
    }

    /** @return the number of points written */
    static int run(final DSLContext dsl, final StatementCache statements, final String deviceId,
                   final List<TsKvBatch> batches) {
        final var points = new ArrayList<Point>();
        for (final TsKvBatch batch : batches) {
            for (final KeyValue entry : batch.entries()) {
                points.add(new Point(entry.key(), batch.ts(), entry.value()));
            }
        }
        execute(dsl, statements, HISTORY_UPSERT, deviceId, points);
        execute(dsl, statements, LATEST_UPSERT, deviceId, newestPerKey(points));
        return points.size();
    }

    private static void execute(final DSLContext dsl, final StatementCache statements, final String sql,
                                final String deviceId, final List<Point> points) {
        dsl.connection(connection -> {
            final PreparedStatement statement = statements.get(connection, sql);
            // A write that failed while binding must not leave its rows for the next one.
            statement.clearBatch();
            for (final Point point : points) {
                statement.setString(1, deviceId);
                statement.setString(2, point.key());
                statement.setLong(3, point.ts());
                ValueColumns.bind(statement, 4, point.value());
                statement.addBatch();
            }
            statement.executeBatch();
        });
    }

    /** Per key the point with the highest ts; of equal ts the later one, as the history keeps it. */
    private static List<Point> newestPerKey(final List<Point> points) {
        final Map<String, Point> newest = new LinkedHashMap<>();
        for (final Point point : points) {
            newest.merge(point.key(), point, (kept, candidate) -> candidate.ts() >= kept.ts() ? candidate : kept);
        }
        return new ArrayList<>(newest.values());
    }

    /** {@code INSERT INTO table (key columns, value columns) VALUES (?, ...)}. */
    private static <R extends Record> InsertValuesStepN<R> insertOneRow(final Table<R> table,
                                                                        final List<Field<?>> keyColumns,
                                                                        final ValueColumns values) {
        final var columns = new ArrayList<Field<?>>(keyColumns);
        columns.addAll(values.fields());
        return RENDERER.insertInto(table, columns).values(Collections.nCopies(columns.size(), DSL.param()));
    }
}
