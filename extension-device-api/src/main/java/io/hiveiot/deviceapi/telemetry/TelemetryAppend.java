package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.storage.ValueColumns;
import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV_PENDING;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.PENDING;

/**
 * One append, run on the writer thread: every point into the pending history of the device's partition, in arrival
 * order ({@link HistoryFold} moves it into {@code ts_kv} and {@code ts_kv_latest} later). Nothing else: the
 * append's commit then dirties a few pages.
 * <p>
 * This is the hottest write of the extension, so it skips jOOQ at run time: the insert is rendered by jOOQ from the
 * generated table once, kept prepared on the writer's connection, and executed as a JDBC batch. Rendering and
 * preparing statements on every append took about four fifths of the writer's time.
 */
final class TelemetryAppend {

    /** The device's partition and the point's id are bound last, after the value columns. */
    private static final String PENDING_INSERT = pendingInsert();

    private TelemetryAppend() {
    }

    private record Point(String key, long ts, TypedValue value) {
    }

    /** @return the number of points written */
    static int run(final DSLContext dsl, final StatementCache statements, final PendingIds ids,
                   final String deviceId, final List<TsKvBatch> batches) {
        final var points = new ArrayList<Point>();
        for (final TsKvBatch batch : batches) {
            for (final KeyValue entry : batch.entries()) {
                points.add(new Point(entry.key(), batch.ts(), entry.value()));
            }
        }
        insert(dsl, statements, ids, deviceId, points, PendingHistory.partOf(deviceId));
        return points.size();
    }

    private static void insert(final DSLContext dsl, final StatementCache statements, final PendingIds ids,
                               final String deviceId, final List<Point> points, final int part) {
        dsl.connection(connection -> {
            final PreparedStatement statement = statements.get(connection, PENDING_INSERT);
            // A write that failed while binding must not leave its rows for the next one.
            statement.clearBatch();
            for (final Point point : points) {
                statement.setString(1, deviceId);
                statement.setString(2, point.key());
                statement.setLong(3, point.ts());
                final int next = ValueColumns.bind(statement, 4, point.value());
                statement.setInt(next, part);
                statement.setLong(next + 1, ids.next(connection));
                statement.addBatch();
            }
            statement.executeBatch();
        });
    }

    /** {@code INSERT INTO ts_kv_pending (device_id, key, ts, value columns, part, id) VALUES (?, ...)}. */
    private static String pendingInsert() {
        final var columns = new ArrayList<Field<?>>(List.of(TS_KV_PENDING.DEVICE_ID, TS_KV_PENDING.KEY,
                TS_KV_PENDING.TS));
        columns.addAll(PENDING.fields());
        columns.add(TS_KV_PENDING.PART);
        columns.add(TS_KV_PENDING.ID);
        return DSL.using(SQLDialect.SQLITE).render(DSL.insertInto(TS_KV_PENDING, columns)
                .values(Collections.nCopies(columns.size(), DSL.param())));
    }
}
