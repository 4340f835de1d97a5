package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.telemetry.codec.Points;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.kit.database.StoreException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The ingest rows of broker nodes that stopped, on a database shared by several nodes: their points were held in
 * the stopped node's memory, and no node replays them (a node that starts again has a new id). Every node's reads
 * see them as another writer's rows meanwhile; every {@link Notifications#DEAD_NODE_SWEEP} a live node seals them
 * into chunks and deletes them in one write, which only one node can make: it deletes exactly the rows it read, or
 * fails. Points the stopped node had sealed already come twice, with seqs of the same write, and compaction merges
 * them. Runs on the sealer thread.
 */
final class StoppedWriters {

    /** Rows sealed per write at most; more are sealed on the next ticks. */
    static final int ROWS_PER_WRITE = 256;

    private static final Logger log = LoggerFactory.getLogger(StoppedWriters.class);
    private static final String WRITERS = "SELECT DISTINCT writer FROM ts_ingest";
    private static final String ROWS = "SELECT id, points FROM ts_ingest WHERE writer = ? ORDER BY id LIMIT ?";
    private static final String FORGET = "DELETE FROM ts_ingest WHERE writer = ? AND id BETWEEN ? AND ?";

    private final Database database;
    private final IngestRows rows;
    private final TelemetrySettings settings;
    private final StatementCache statements;
    private final Executor sealerThread;
    private final Consumer<List<SealedChunk>> sealed;
    /** Sealer thread only. */
    private boolean running;

    private Long nextNanos;

    /** Rows of one stopped writer, their points by series in arrival order. */
    private record Rows(String writer, long first, long last, int count, Map<Integer, Points> points) {}

    /**
     * @param sealed told of the chunks of each write once it is committed, on the sealer thread
     */
    StoppedWriters(
            final Database database,
            final IngestRows rows,
            final TelemetrySettings settings,
            final StatementCache statements,
            final Executor sealerThread,
            final Consumer<List<SealedChunk>> sealed) {
        this.database = database;
        this.rows = rows;
        this.settings = settings;
        this.statements = statements;
        this.sealerThread = sealerThread;
        this.sealed = sealed;
    }

    /** Looks for stopped writers' rows when a sweep is due (at once after the start) and none is running. */
    void step(final long nowNanos) {
        if (running || nextNanos != null && nowNanos - nextNanos < 0) {
            return;
        }
        running = true;
        nextNanos = nowNanos + Notifications.DEAD_NODE_SWEEP.toNanos();
        rows.liveWriters()
                .thenCompose(live -> database.read(dsl -> read(dsl, live)))
                .thenComposeAsync(
                        found -> found.map(this::seal).orElse(CompletableFuture.completedFuture(false)), sealerThread)
                .whenCompleteAsync(
                        (more, failure) -> {
                            running = false;
                            if (failure != null) {
                                log.debug(
                                        "hive-iot-device-api: sealing the telemetry of stopped nodes failed, it runs "
                                                + "again later: {}",
                                        failure.toString());
                            } else if (more) {
                                nextNanos = null;
                            }
                        },
                        sealerThread);
    }

    /** The first rows of a writer that is neither this node nor a live one, if there is any. */
    private Optional<Rows> read(final DSLContext dsl, final Set<String> live) {
        return dsl.connectionResult(connection -> {
            String stopped = null;
            try (PreparedStatement select = connection.prepareStatement(WRITERS);
                    ResultSet writers = select.executeQuery()) {
                while (writers.next() && stopped == null) {
                    final String writer = writers.getString(1);
                    if (!live.contains(writer) && !writer.equals(rows.writer())) {
                        stopped = writer;
                    }
                }
            }
            if (stopped == null) {
                return Optional.empty();
            }
            try (PreparedStatement select = connection.prepareStatement(ROWS)) {
                select.setString(1, stopped);
                select.setInt(2, ROWS_PER_WRITE);
                final var points = new HashMap<Integer, Points>();
                long first = 0;
                long last = 0;
                int count = 0;
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        last = found.getLong(1);
                        first = count++ == 0 ? last : first;
                        IngestCodec.decode(
                                found.getBytes(2),
                                (series, ts, type, bits, text) -> points.computeIfAbsent(series, any -> new Points(16))
                                        .add(ts, type, bits, text));
                    }
                }
                return count == 0 ? Optional.empty() : Optional.of(new Rows(stopped, first, last, count, points));
            }
        });
    }

    /** @return whether the writer may have more rows */
    private CompletableFuture<Boolean> seal(final Rows found) {
        final var chunks = new ArrayList<SealedChunk>();
        found.points()
                .forEach((series, points) -> chunks.addAll(ChunkMerge.cut(
                        series, SeriesRun.ofArrivals(points, found.last()).points(), found.last(), settings)));
        return database.write(dsl -> SealWrite.run(dsl, statements, chunks, connection -> {
                    final PreparedStatement forget = statements.get(connection, FORGET);
                    forget.setString(1, found.writer());
                    forget.setLong(2, found.first());
                    forget.setLong(3, found.last());
                    final int deleted = forget.executeUpdate();
                    if (deleted != found.count()) {
                        throw new StoreException(
                                "the rows of stopped node " + found.writer() + " were sealed by another");
                    }
                    return deleted;
                }))
                .thenApplyAsync(
                        deleted -> {
                            log.info(
                                    "hive-iot-device-api: sealed the unsealed telemetry of stopped node {} ({} ingest rows, {} "
                                            + "chunks)",
                                    found.writer(),
                                    deleted,
                                    chunks.size());
                            sealed.accept(chunks);
                            return found.count() == ROWS_PER_WRITE;
                        },
                        sealerThread);
    }
}
