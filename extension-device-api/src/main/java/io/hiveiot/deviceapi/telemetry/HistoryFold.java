package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_LATEST;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_PENDING;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.HISTORY;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.PENDING;

/**
 * One fold, run on the writer thread: the oldest pending points of one partition (up to a number of rows) move into
 * {@code ts_kv} in one statement, sorted by the history's key so each series' leaf page is written once; each
 * series' newest of them moves {@code ts_kv_latest} unless a newer point is there already; then they leave
 * {@code ts_kv_pending}. Points of an equal (device, key, ts) are applied in arrival order, so the last one
 * written wins, in the history and in the latest value.
 * <p>
 * The statements are rendered by jOOQ once and kept prepared, as {@link TelemetryAppend}'s are.
 */
final class HistoryFold {

    private static final String LAST_OF_SLICE;
    private static final String MOVE;
    private static final String LATEST;
    private static final String FORGET;

    static {
        final DSLContext renderer = DSL.using(SQLDialect.SQLITE);
        final var part = TS_KV_PENDING.PART.eq(DSL.param("part", Short.class));
        final var slice = renderer.select(TS_KV_PENDING.ID).from(TS_KV_PENDING).where(part).orderBy(TS_KV_PENDING.ID)
                .limit(DSL.param("rows", Integer.class)).asTable("slice");
        LAST_OF_SLICE = renderer.render(renderer.select(DSL.max(slice.field(TS_KV_PENDING.ID))).from(slice));
        final var target = new ArrayList<Field<?>>(List.of(TS_KV.DEVICE_ID, TS_KV.KEY, TS_KV.TS));
        target.addAll(HISTORY.fields());
        final var source = new ArrayList<SelectFieldOrAsterisk>(
                List.of(TS_KV_PENDING.DEVICE_ID, TS_KV_PENDING.KEY, TS_KV_PENDING.TS));
        source.addAll(PENDING.fields());
        MOVE = renderer.render(renderer.insertInto(TS_KV, target)
                .select(renderer.select(source).from(TS_KV_PENDING)
                        .where(part, TS_KV_PENDING.ID.le(DSL.param("last", Long.class)))
                        .orderBy(TS_KV_PENDING.DEVICE_ID, TS_KV_PENDING.KEY, TS_KV_PENDING.TS, TS_KV_PENDING.ID))
                .onConflict(TS_KV.DEVICE_ID, TS_KV.KEY, TS_KV.TS)
                .doUpdate()
                .set(HISTORY.fromExcluded()));
        final Field<Integer> newest = DSL.rowNumber().over(DSL.partitionBy(TS_KV_PENDING.DEVICE_ID, TS_KV_PENDING.KEY)
                .orderBy(TS_KV_PENDING.TS.desc(), TS_KV_PENDING.ID.desc())).as("newest");
        final var rankedFields = new ArrayList<SelectFieldOrAsterisk>(source);
        rankedFields.add(newest);
        final var ranked = renderer.select(rankedFields).from(TS_KV_PENDING)
                .where(part, TS_KV_PENDING.ID.le(DSL.param("last", Long.class))).asTable("ranked");
        final var latestTarget = new ArrayList<Field<?>>(List.of(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY,
                TS_KV_LATEST.TS));
        latestTarget.addAll(TelemetryColumns.LATEST.fields());
        final var newestRows = new ArrayList<SelectFieldOrAsterisk>();
        for (final SelectFieldOrAsterisk field : source) {
            newestRows.add(ranked.field((Field<?>) field));
        }
        LATEST = renderer.render(renderer.insertInto(TS_KV_LATEST, latestTarget)
                .select(renderer.select(newestRows).from(ranked).where(ranked.field(newest).eq(DSL.inline(1))))
                .onConflict(TS_KV_LATEST.DEVICE_ID, TS_KV_LATEST.KEY)
                .doUpdate()
                .set(TelemetryColumns.LATEST.fromExcluded())
                .set(TS_KV_LATEST.TS, DSL.excluded(TS_KV_LATEST.TS))
                .where(DSL.excluded(TS_KV_LATEST.TS).ge(TS_KV_LATEST.TS)));
        FORGET = renderer.render(renderer.deleteFrom(TS_KV_PENDING)
                .where(part, TS_KV_PENDING.ID.le(DSL.param("last", Long.class))));
    }

    private HistoryFold() {
    }

    /** @return the points moved (fewer than {@code maxRows} when nothing else of the partition is pending) */
    static int run(final DSLContext dsl, final StatementCache statements, final int part, final int maxRows) {
        return dsl.connectionResult(connection -> {
            final PreparedStatement lastOfSlice = statements.get(connection, LAST_OF_SLICE);
            lastOfSlice.setInt(1, part);
            lastOfSlice.setInt(2, maxRows);
            final long last;
            try (ResultSet row = lastOfSlice.executeQuery()) {
                row.next();
                last = row.getLong(1);
                if (row.wasNull()) {
                    return 0;
                }
            }
            final PreparedStatement move = statements.get(connection, MOVE);
            move.setInt(1, part);
            move.setLong(2, last);
            move.executeUpdate();
            final PreparedStatement latest = statements.get(connection, LATEST);
            latest.setInt(1, part);
            latest.setLong(2, last);
            latest.executeUpdate();
            final PreparedStatement forget = statements.get(connection, FORGET);
            forget.setInt(1, part);
            forget.setLong(2, last);
            return forget.executeUpdate();
        });
    }

    /** The SQL, for a test that checks what SQLite makes of it. */
    static List<String> statements() {
        return List.of(LAST_OF_SLICE, MOVE, LATEST, FORGET);
    }
}
