package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.KeyValue;
import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.storage.Arguments;
import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.database.StatementCache;
import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Telemetry in device-data.db, as a time-series store keeps it: a series dictionary ({@code series}), one durable
 * ingest row per commit of the writer ({@code ts_ingest}), each series' newest points in memory ({@link Heads}), and
 * compressed chunks of sealed points ({@code ts_chunk}) with the newest sealed value per series
 * ({@code ts_latest}).
 * <p>
 * An append's points are written into its batch's ingest row, and its future completes after the commit, so
 * completing a PUBACK on it acknowledges stored data; the heads get the points after that, on the {@link Sealer}'s
 * thread, which seals them into chunks and deletes the ingest rows they no longer need. Reads merge the chunks with
 * the points not sealed yet (copies of the heads, and ingest rows committed after the heads' last one), on the read
 * pool: no read waits for the writer, and none writes. Same ThingsBoard rules as a row per point: a later point at
 * the same ts of a series replaces the earlier one, old and out-of-order timestamps are stored, a key's latest value
 * only moves forward.
 * <p>
 * Broker nodes that share the database (PostgreSQL) each keep their own heads: a node's reads take the points of the
 * other nodes' heads from their ingest rows ({@link IngestRows}), and a live node seals the rows of a node that
 * stopped. Of two writes of one (device, key, ts) through different nodes, either may be the one kept: ingest row ids
 * order the writes of one node, not those of two.
 * <p>
 * Bad arguments throw at once; storage failures complete the future exceptionally with a
 * {@link io.hiveiot.kit.database.StoreException} ({@link io.hiveiot.kit.database.StoreOverloadedException}
 * when the writer's queue is full). Thread-safe.
 */
public final class TelemetryStore implements AutoCloseable {

    /** The largest history page. */
    public static final int MAX_LIMIT = 10_000;
    /** The most keys one history query may name (each key is one merge of chunks). */
    public static final int MAX_HISTORY_KEYS = 1_000;
    /** The most intervals times keys of one aggregated history query. */
    public static final int MAX_AGGREGATE_ENTRIES = 100_000;

    private final Database database;
    private final IngestRows rows;
    private final SeriesIds ids = new SeriesIds();
    private final Heads heads = new Heads();
    private final IngestBatch ingest;
    private final Sealer sealer;
    private final Compaction compaction;

    /** A store alone on its database, for tests and tools. */
    public TelemetryStore(final Database database) {
        this(database, TelemetrySettings.DEFAULTS);
    }

    /** A store alone on its database, for tests and tools. */
    public TelemetryStore(final Database database, final TelemetrySettings settings) {
        this(database, settings, IngestRows.alone());
    }

    /**
     * Replays the ingest rows left from the last run into the heads before it returns.
     *
     * @param notifications this node among the broker nodes that share the database: on PostgreSQL, each node's
     *                      ingest rows are its own, and a live node seals those of a node that stopped
     */
    public TelemetryStore(
            final Database database, final TelemetrySettings settings, final Notifications notifications) {
        this(database, settings, IngestRows.of(Objects.requireNonNull(notifications, "notifications")));
    }

    private TelemetryStore(final Database database, final TelemetrySettings settings, final IngestRows rows) {
        this.database = Objects.requireNonNull(database, "database");
        Objects.requireNonNull(settings, "settings");
        this.rows = rows;
        // Used on the writer thread only, by the ingest batch and the seal writes.
        final var statements = new StatementCache();
        this.compaction = new Compaction(database, settings);
        this.sealer = new Sealer(database, heads, settings, statements, compaction, rows);
        final List<SeriesHead> full = database.read(dsl -> Replay.run(dsl, ids, heads, settings, rows))
                .join();
        this.ingest = new IngestBatch(rows.writer(), ids, sealer::committed, statements);
        database.addBatchFlush(ingest);
        sealer.start(full);
    }

    /**
     * Stores every point of the batches. A later point for the same (device, key, ts) replaces the earlier value; a
     * key's latest value moves only to a point whose ts is at least the stored one.
     *
     * @return the number of points stored, once committed
     */
    public CompletableFuture<Integer> append(final String deviceId, final List<TsKvBatch> batches) {
        final Optional<IngestBatch.Append> append = prepare(deviceId, batches);
        if (append.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return database.write(dsl -> ingest.add(dsl, append.get()));
    }

    /**
     * Stores the points of several devices (a gateway's message for its sub-devices) as one write: every device's
     * points are committed, or none.
     *
     * @return the number of points stored per device id, once committed
     */
    public CompletableFuture<Map<String, Integer>> append(final Map<String, List<TsKvBatch>> batchesByDevice) {
        final List<IngestBatch.Append> appends = new ArrayList<>(batchesByDevice.size());
        final Map<String, Integer> stored = new LinkedHashMap<>();
        batchesByDevice.forEach((deviceId, batches) -> {
            final Optional<IngestBatch.Append> append = prepare(deviceId, batches);
            append.ifPresent(appends::add);
            stored.put(deviceId, append.map(IngestBatch.Append::size).orElse(0));
        });
        if (appends.isEmpty()) {
            return CompletableFuture.completedFuture(stored);
        }
        return database.write(dsl -> ingest.addAll(dsl, appends)).thenApply(done -> stored);
    }

    /** One device's points, ready for the writer; empty when there are none. */
    private Optional<IngestBatch.Append> prepare(final String deviceId, final List<TsKvBatch> batches) {
        Arguments.deviceId(deviceId);
        final List<TsKvBatch> copy = List.copyOf(Objects.requireNonNull(batches, "batches"));
        int count = 0;
        for (final TsKvBatch batch : copy) {
            count += batch.entries().size();
        }
        if (count == 0) {
            return Optional.empty();
        }
        final var keys = new ArrayList<String>(count);
        final Points points = new Points(count);
        final int[] series = new int[count];
        boolean known = true;
        for (final TsKvBatch batch : copy) {
            for (final KeyValue entry : batch.entries()) {
                final Integer id = known ? ids.find(deviceId, entry.key()) : null;
                known = id != null;
                if (known) {
                    series[keys.size()] = id;
                }
                keys.add(entry.key());
                points.add(batch.ts(), withoutNegativeZero(entry.value()));
            }
        }
        // Encoded here, on the caller's thread, whenever every series is known: the writer then only copies bytes.
        return Optional.of(
                new IngestBatch.Append(deviceId, keys, points, known ? IngestMessage.of(series, points) : null));
    }

    /**
     * The latest value of each key, ordered by key.
     *
     * @param keys the keys wanted, or empty for every key of the device; keys without data are left out
     */
    public CompletableFuture<Map<String, TsValue>> latest(final String deviceId, final Optional<Set<String>> keys) {
        Arguments.deviceId(deviceId);
        Objects.requireNonNull(keys, "keys");
        final Optional<Set<String>> wanted = keys.map(set -> Set.copyOf(Arguments.noNulls(set, "keys")));
        if (wanted.isPresent() && wanted.get().isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return read(deviceId, wanted, (dsl, connection, series, unsealed) -> LatestReader.read(dsl, series, unsealed));
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
    public CompletableFuture<HistoryPage> history(
            final String deviceId,
            final Set<String> keys,
            final long from,
            final long to,
            final int limit,
            final Optional<HistoryCursor> after) {
        return history(deviceId, keys, from, to, limit, after, Aggregation.NONE, 0);
    }

    /**
     * A page of history aggregated per interval (as {@link #history(String, Set, long, long, int, Optional)} for
     * {@link Aggregation#NONE}): an entry per key and {@code interval} of {@code [from, to)} that has data, at the
     * interval's middle, newest first.
     *
     * @param interval milliseconds, at least 1; ignored for NONE. Intervals times keys at most
     *                 {@link #MAX_AGGREGATE_ENTRIES}.
     */
    public CompletableFuture<HistoryPage> history(
            final String deviceId,
            final Set<String> keys,
            final long from,
            final long to,
            final int limit,
            final Optional<HistoryCursor> after,
            final Aggregation aggregation,
            final long interval) {
        Arguments.deviceId(deviceId);
        final Set<String> wanted = Set.copyOf(Arguments.noNulls(keys, "keys"));
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(aggregation, "aggregation");
        if (wanted.isEmpty() || wanted.size() > MAX_HISTORY_KEYS) {
            throw new IllegalArgumentException(
                    "history needs 1 to " + MAX_HISTORY_KEYS + " keys, not " + wanted.size());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (aggregation == Aggregation.NONE) {
            return read(
                    deviceId,
                    Optional.of(wanted),
                    (dsl, connection, series, unsealed) ->
                            HistoryReader.read(connection, series, unsealed, from, to, limit, after));
        }
        checkIntervals(from, to, interval, wanted.size());
        return read(
                deviceId,
                Optional.of(wanted),
                (dsl, connection, series, unsealed) -> AggregateReader.read(
                        connection, series, unsealed, from, to, aggregation, interval, limit, after));
    }

    private static void checkIntervals(final long from, final long to, final long interval, final int keys) {
        if (interval < 1) {
            throw new IllegalArgumentException("an aggregate needs an interval of at least 1 ms, not " + interval);
        }
        if (to <= from) {
            return;
        }
        final long intervals;
        try {
            intervals = AggregateReader.intervals(from, to, interval);
        } catch (final ArithmeticException e) {
            throw new IllegalArgumentException("the range is longer than an aggregate can span", e);
        }
        if (intervals > MAX_AGGREGATE_ENTRIES / keys) {
            throw new IllegalArgumentException("an aggregate of " + intervals + " intervals of " + keys
                    + " keys is more than " + MAX_AGGREGATE_ENTRIES + " entries: use a longer interval or fewer keys");
        }
    }

    /** Points in the device's history (one per series and ts); it decodes every chunk of the device. */
    public CompletableFuture<Long> countHistory(final String deviceId) {
        Arguments.deviceId(deviceId);
        return read(
                deviceId,
                Optional.empty(),
                (dsl, connection, series, unsealed) -> count(connection, series.values(), unsealed));
    }

    /** Points in the history of every device, for checks of what was stored: it decodes every chunk. */
    public CompletableFuture<Long> countHistory() {
        return database.read(dsl -> {
            final Heads.Snapshot snapshot = heads.snapshot(ids.all());
            return ReadTransaction.run(dsl, connection -> {
                final DeviceSeries all = DeviceSeries.all(connection);
                return count(connection, all.series(), Unsealed.read(connection, snapshot, rows, all.series()));
            });
        });
    }

    /**
     * Seals every series' newest points now, however few; the store does it by itself when they are many, span
     * long or wait long. For measuring the file, and tests.
     *
     * @return once the chunks are committed
     */
    public CompletableFuture<Void> sealAll() {
        return sealer.sealAll();
    }

    /** Points not sealed yet, held in memory: a gauge. */
    public long headPoints() {
        return heads.points();
    }

    /** Chunks sealed since the start: a counter. */
    public long chunksSealed() {
        return sealer.sealed();
    }

    /** Chunks replaced by compaction since the start: a counter. */
    public long chunksMerged() {
        return compaction.merged();
    }

    /** Stops sealing; what is not sealed stays in the ingest rows, and the next start replays it. */
    @Override
    public void close() {
        sealer.close();
    }

    /** A read of one device's series, with the points not sealed yet. */
    @FunctionalInterface
    interface SeriesRead<T> {
        T read(DSLContext dsl, Connection connection, Map<String, Integer> series, Unsealed unsealed)
                throws SQLException;
    }

    /**
     * Copies the heads of the device's series, then reads the database in one transaction: its series (key → id,
     * by key; only the keys wanted), and the ingest rows the copy does not include.
     */
    private <T> CompletableFuture<T> read(
            final String deviceId, final Optional<Set<String>> keys, final SeriesRead<T> query) {
        return database.read(dsl -> {
            final var known = new ArrayList<Integer>();
            ids.ofDevice(deviceId).forEach((key, id) -> {
                if (keys.isEmpty() || keys.get().contains(key)) {
                    known.add(id);
                }
            });
            final Heads.Snapshot snapshot = heads.snapshot(known);
            return ReadTransaction.run(dsl, connection -> {
                final DeviceSeries series = DeviceSeries.read(connection, deviceId, keys);
                return query.read(
                        dsl, connection, series.ids(), Unsealed.read(connection, snapshot, rows, series.series()));
            });
        });
    }

    static long count(final Connection connection, final Collection<Integer> series, final Unsealed unsealed)
            throws SQLException {
        long count = 0;
        for (final int id : series) {
            try (var history = new SeriesHistory(connection, id, Long.MIN_VALUE, Long.MAX_VALUE, unsealed.of(id))) {
                while (history.next()) {
                    count++;
                }
            }
        }
        return count;
    }

    /** -0.0 is kept as 0.0, as a REAL column keeps it; ThingsBoard's typing never produces it. */
    private static TypedValue withoutNegativeZero(final TypedValue value) {
        if (value instanceof TypedValue.DoubleValue number && number.value() == 0.0) {
            return new TypedValue.DoubleValue(0.0);
        }
        return value;
    }
}
