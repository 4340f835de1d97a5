package io.hiveiot.deviceapi.rpc;

import io.hiveiot.deviceapi.schema.tables.records.RpcRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static io.hiveiot.deviceapi.schema.Tables.RPC;
import static io.hiveiot.deviceapi.schema.Tables.RPC_SEQUENCE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.min;

/** The SQL behind {@link RpcStore}, run on the writer thread or a read thread. */
final class RpcRows {

    private static final Field<String> QUEUED = inline(RpcStatus.QUEUED.name());
    private static final Field<String> SENT = inline(RpcStatus.SENT.name());

    private RpcRows() {}

    /**
     * Reserves the device's next {@code count} request ids and returns the first; the block ends at
     * {@link #blockEnd}. Ids count 0, 1, 2, ... and after the last block below {@link Integer#MAX_VALUE} start at 0
     * again.
     */
    static int reserveIds(final DSLContext dsl, final String deviceId, final int count) {
        // Several broker nodes may reserve for one device at once: the row is created and then locked (a write
        // that changes nothing) before it is read, so the other node's reservation is seen once it committed.
        dsl.insertInto(RPC_SEQUENCE)
                .set(RPC_SEQUENCE.DEVICE_ID, deviceId)
                .set(RPC_SEQUENCE.NEXT_ID, 0)
                .onConflictDoNothing()
                .execute();
        dsl.update(RPC_SEQUENCE)
                .set(RPC_SEQUENCE.NEXT_ID, RPC_SEQUENCE.NEXT_ID)
                .where(RPC_SEQUENCE.DEVICE_ID.eq(deviceId))
                .execute();
        final Integer stored = dsl.select(RPC_SEQUENCE.NEXT_ID)
                .from(RPC_SEQUENCE)
                .where(RPC_SEQUENCE.DEVICE_ID.eq(deviceId))
                .fetchOne(RPC_SEQUENCE.NEXT_ID);
        final int start = stored == null ? 0 : stored;
        final int end = blockEnd(start, count);
        final int following = end == Integer.MAX_VALUE ? 0 : end;
        dsl.insertInto(RPC_SEQUENCE)
                .set(RPC_SEQUENCE.DEVICE_ID, deviceId)
                .set(RPC_SEQUENCE.NEXT_ID, following)
                .onConflict(RPC_SEQUENCE.DEVICE_ID)
                .doUpdate()
                .set(RPC_SEQUENCE.NEXT_ID, following)
                .execute();
        return start;
    }

    /** The first id after a block of {@code count} starting at {@code start} (exclusive end). */
    static int blockEnd(final int start, final int count) {
        return start > Integer.MAX_VALUE - count ? Integer.MAX_VALUE : start + count;
    }

    static PersistentRpc insert(
            final DSLContext dsl,
            final String deviceId,
            final int requestId,
            final String method,
            final String params,
            final boolean oneway,
            final long now,
            final long expirationTs) {
        final RpcRecord row = dsl.newRecord(RPC);
        row.setDeviceId(deviceId);
        row.setRequestId(requestId);
        row.setMethod(method);
        row.setParams(params);
        row.setOneway(oneway);
        row.setStatus(RpcStatus.QUEUED.name());
        row.setCreatedTs(now);
        row.setExpirationTs(expirationTs);
        row.insert();
        return toRpc(row);
    }

    /**
     * A device's QUEUED requests not yet expired, oldest id first, through the partial index {@code rpc_queued}
     * (the status is an SQL literal, which SQLite matches against the index when it prepares the statement).
     */
    static ResultQuery<RpcRecord> queued(final DSLContext dsl, final String deviceId, final long now) {
        return dsl.selectFrom(RPC)
                .where(RPC.DEVICE_ID.eq(deviceId), RPC.STATUS.eq(QUEUED), RPC.EXPIRATION_TS.gt(now))
                .orderBy(RPC.REQUEST_ID);
    }

    /** Through the partial index {@code rpc_queued}, like {@link #queued}. */
    static List<String> devicesWithQueued(final DSLContext dsl) {
        return dsl.selectDistinct(RPC.DEVICE_ID)
                .from(RPC)
                .where(RPC.STATUS.eq(QUEUED))
                .fetch(RPC.DEVICE_ID);
    }

    static Optional<PersistentRpc> get(final DSLContext dsl, final String deviceId, final int requestId) {
        return dsl.selectFrom(RPC)
                .where(RPC.DEVICE_ID.eq(deviceId), RPC.REQUEST_ID.eq(requestId))
                .fetchOptional()
                .map(RpcRows::toRpc);
    }

    /** Applies the update if the request is in a status that may move to the new one. */
    static Optional<PersistentRpc> update(
            final DSLContext dsl, final String deviceId, final int requestId, final RpcUpdate update) {
        final List<String> from =
                update.status().predecessors().stream().map(Enum::name).toList();
        return dsl.update(RPC)
                .set(RPC.STATUS, update.status().name())
                .set(RPC.RESPONSE, update.response().orElse(null))
                .set(RPC.ERROR, update.error().orElse(null))
                .where(RPC.DEVICE_ID.eq(deviceId), RPC.REQUEST_ID.eq(requestId), RPC.STATUS.in(from))
                .returning()
                .fetchOptional()
                .map(RpcRows::toRpc);
    }

    /**
     * Requests whose expiration has come: QUEUED and SENT ones become EXPIRED (through the partial index
     * {@code rpc_pending_expiry}), two-way DELIVERED ones that were never answered become TIMEOUT (through
     * {@code rpc_delivered_expiry}).
     */
    static List<PersistentRpc> expire(final DSLContext dsl, final long now) {
        final var expired = new ArrayList<RpcRecord>(dsl.update(RPC)
                .set(RPC.STATUS, RpcStatus.EXPIRED.name())
                .where(pendingExpiredBy(now))
                .returning()
                .fetch());
        expired.addAll(dsl.update(RPC)
                .set(RPC.STATUS, RpcStatus.TIMEOUT.name())
                .set(RPC.ERROR, "no response before the expiration time")
                .where(unansweredBy(now))
                .returning()
                .fetch());
        return expired.stream()
                .map(RpcRows::toRpc)
                .sorted(Comparator.comparingLong(PersistentRpc::expirationTs)
                        .thenComparing(PersistentRpc::deviceId)
                        .thenComparingInt(PersistentRpc::requestId))
                .toList();
    }

    /** The earliest expiration of a request {@link #expire} would change some day, if any. */
    static Optional<Long> nextExpiration(final DSLContext dsl) {
        final Long pending = dsl.select(min(RPC.EXPIRATION_TS))
                .from(RPC)
                .where(RPC.STATUS.in(QUEUED, SENT))
                .fetchOne(0, Long.class);
        final Long unanswered = dsl.select(min(RPC.EXPIRATION_TS))
                .from(RPC)
                .where(RPC.STATUS.eq(inline(RpcStatus.DELIVERED.name())), RPC.ONEWAY.eq(inline(false)))
                .fetchOne(0, Long.class);
        return Stream.of(pending, unanswered).filter(Objects::nonNull).min(Long::compare);
    }

    /** Delivered two-way requests past their expiration, literals included, as {@code rpc_delivered_expiry} holds. */
    static Condition unansweredBy(final long now) {
        return RPC.STATUS
                .eq(inline(RpcStatus.DELIVERED.name()))
                .and(RPC.ONEWAY.eq(inline(false)))
                .and(RPC.EXPIRATION_TS.le(now));
    }

    /** The expiry query's condition, literals included, for a test that checks its query plan. */
    static Condition pendingExpiredBy(final long now) {
        return RPC.STATUS.in(QUEUED, SENT).and(RPC.EXPIRATION_TS.le(now));
    }

    static PersistentRpc toRpc(final RpcRecord row) {
        return new PersistentRpc(
                row.getDeviceId(),
                row.getRequestId(),
                row.getMethod(),
                row.getParams(),
                row.getOneway(),
                RpcStatus.valueOf(row.getStatus()),
                row.getCreatedTs(),
                row.getExpirationTs(),
                Optional.ofNullable(row.getResponse()),
                Optional.ofNullable(row.getError()));
    }
}
