package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.storage.Arguments;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.kit.database.Database;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static io.hiveiot.deviceapi.schema.Tables.TS_KV;
import static io.hiveiot.deviceapi.schema.Tables.TS_KV_LATEST;
import static io.hiveiot.deviceapi.telemetry.TelemetryColumns.LATEST;

/**
 * Telemetry in device-data.db: the history of every point and each key's latest value, keyed by device id.
 * Appended points wait in {@code ts_kv_pending} (committed, in arrival order) until {@link PendingHistory} folds
 * them into {@code ts_kv} and {@code ts_kv_latest} a moment later; reads fold first, so they see every point an
 * append returned.
 * <p>
 * Writes run on the database's single writer and are group-committed with other writes: a future completes only
 * after its commit, so completing a PUBACK on it acknowledges stored data. Reads run on the read pool. Bad
 * arguments throw at once; storage failures complete the future exceptionally with a
 * {@link io.hiveiot.kit.database.StoreException} ({@link io.hiveiot.kit.database.StoreOverloadedException}
 * when the writer's queue is full). Thread-safe.
 */
public final class TelemetryStore implements AutoCloseable {

    /** The largest history page. */
    public static final int MAX_LIMIT = 10_000;
    /** The most keys one history query may name (each key is one open range scan). */
    public static final int MAX_HISTORY_KEYS = 1_000;

    /** How often each device's pending points are folded into the history ({@link PendingHistory}). */
    public static final Duration FOLD_CYCLE = Duration.ofMillis(400);

    private static final int KEYS_PER_STATEMENT = 500;

    private final Database database;
    /** Used on the writer thread only, as are the ids. */
    private final StatementCache statements = new StatementCache();
    private final PendingIds ids = new PendingIds();
    private final PendingHistory pending;

    public TelemetryStore(final Database database) {
        this(database, FOLD_CYCLE);
    }

    public TelemetryStore(final Database database, final Duration foldCycle) {
        this.database = Objects.requireNonNull(database, "database");
        this.pending = new PendingHistory(database, statements, foldCycle);
    }

    /**
     * Stores every point of the batches. A point for an existing (device, key, ts) replaces its value; a key's
     * latest value moves only to a point whose ts is at least the stored one.
     *
     * @return the number of points stored, once committed
     */
    public CompletableFuture<Integer> append(final String deviceId, final List<TsKvBatch> batches) {
        Arguments.deviceId(deviceId);
        final List<TsKvBatch> points = List.copyOf(Objects.requireNonNull(batches, "batches"));
        if (points.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return database.write(dsl -> TelemetryAppend.run(dsl, statements, ids, deviceId, points)).thenApply(stored -> {
            pending.appended(deviceId, stored);
            return stored;
        });
    }

    /**
     * The latest value of each key, ordered by key.
     *
     * @param keys the keys wanted, or empty for every key of the device; keys without data are left out
     */
    public CompletableFuture<Map<String, TsValue>> latest(final String deviceId, final Optional<Set<String>> keys) {
        Arguments.deviceId(deviceId);
        Objects.requireNonNull(keys, "keys");
        final Optional<List<String>> wanted = keys.map(set -> List.copyOf(Arguments.noNulls(set, "keys")));
        if (wanted.isPresent() && wanted.get().isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return afterFold(dsl -> readLatest(dsl, deviceId, wanted));
    }

    /**
     * A page of history, newest first (ties by key).
     *
     * @param keys  1 to {@link #MAX_HISTORY_KEYS} keys
     * @param from  start of the range, inclusive
     * @param to    end of the range, exclusive (ThingsBoard's {@code startTs}/{@code endTs})
     * @param limit 1 to {@link #MAX_LIMIT} entries
     * @param after the previous page's {@link HistoryPage#next()}, or empty for the first page
     */
    public CompletableFuture<HistoryPage> history(final String deviceId, final Set<String> keys, final long from,
                                                  final long to, final int limit,
                                                  final Optional<HistoryCursor> after) {
        Arguments.deviceId(deviceId);
        final Set<String> wanted = Set.copyOf(Arguments.noNulls(keys, "keys"));
        Objects.requireNonNull(after, "after");
        if (wanted.isEmpty() || wanted.size() > MAX_HISTORY_KEYS) {
            throw new IllegalArgumentException(
                    "history needs 1 to " + MAX_HISTORY_KEYS + " keys, not " + wanted.size());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return afterFold(dsl -> HistoryReader.read(dsl, deviceId, wanted, from, to, limit, after));
    }

    /** Points in the device's history. */
    public CompletableFuture<Long> countHistory(final String deviceId) {
        Arguments.deviceId(deviceId);
        return afterFold(dsl -> dsl.selectCount().from(TS_KV).where(TS_KV.DEVICE_ID.eq(deviceId))
                .fetchOne(0, Long.class));
    }

    /** Points in the history of every device, for checks of what was stored (it scans the table). */
    public CompletableFuture<Long> countHistory() {
        return afterFold(dsl -> dsl.selectCount().from(TS_KV).fetchOne(0, Long.class));
    }

    /**
     * Folds every pending point into the history now (reads of the history do it themselves).
     *
     * @return the number of points folded, once committed
     */
    public CompletableFuture<Integer> foldPending() {
        return pending.foldAll();
    }

    /** Queues the fold of what is pending; the database's close commits it. */
    @Override
    public void close() {
        pending.close();
    }

    private <T> CompletableFuture<T> afterFold(final Function<DSLContext, T> query) {
        return pending.foldAll().thenCompose(folded -> database.read(query));
    }

    private static Map<String, TsValue> readLatest(final DSLContext dsl, final String deviceId,
                                                   final Optional<List<String>> keys) {
        final var fields = new ArrayList<SelectFieldOrAsterisk>();
        fields.add(TS_KV_LATEST.KEY);
        fields.add(TS_KV_LATEST.TS);
        fields.addAll(LATEST.fields());
        final var rows = new ArrayList<Record>();
        if (keys.isEmpty()) {
            rows.addAll(dsl.select(fields).from(TS_KV_LATEST).where(TS_KV_LATEST.DEVICE_ID.eq(deviceId)).fetch());
        } else {
            final List<String> all = keys.get();
            for (int from = 0; from < all.size(); from += KEYS_PER_STATEMENT) {
                rows.addAll(dsl.select(fields).from(TS_KV_LATEST)
                        .where(TS_KV_LATEST.DEVICE_ID.eq(deviceId),
                                TS_KV_LATEST.KEY.in(all.subList(from, Math.min(all.size(), from + KEYS_PER_STATEMENT))))
                        .fetch());
            }
        }
        rows.sort((a, b) -> a.get(TS_KV_LATEST.KEY).compareTo(b.get(TS_KV_LATEST.KEY)));
        final var latest = new LinkedHashMap<String, TsValue>();
        for (final Record row : rows) {
            latest.put(row.get(TS_KV_LATEST.KEY), new TsValue(row.get(TS_KV_LATEST.TS), LATEST.read(row)));
        }
        return latest;
    }
}
