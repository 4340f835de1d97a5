package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StatementCache;
import io.hiveiot.kit.database.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread that keeps the heads: it applies every committed ingest row to them, seals the heads that reached
 * {@link TelemetrySettings#chunkPoints()} or {@link TelemetrySettings#chunkSpan()} (and, every second, those older
 * than {@link TelemetrySettings#headMaxAge()}) and hands the chunks to the writer, one {@link SealWrite} at a time
 * (at most {@link #CHUNKS_PER_WRITE} chunks, a millisecond or so of the writer), and runs the compaction when no
 * seal is waiting. Encoding happens here, so the single writer only inserts. A seal write that fails is tried again
 * a second later: its heads stay readable and their ingest rows stay, so nothing is lost. On a database shared with
 * other broker nodes it also seals the rows of the nodes that stopped ({@link StoppedWriters}).
 */
final class Sealer implements AutoCloseable {

    /** Chunks per seal write at most. */
    static final int CHUNKS_PER_WRITE = 64;

    private static final long TICK_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);

    private final Database database;
    private final Heads heads;
    private final TelemetrySettings settings;
    private final StatementCache statements;
    private final Compaction compaction;
    private final IngestRows rows;
    private final StoppedWriters stoppedWriters;
    private final ScheduledExecutorService thread;
    /** Sealer thread only. */
    private final Set<SeriesHead> ready = new LinkedHashSet<>();

    private final List<SeriesHead> scratch = new ArrayList<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private PendingSeal inFlight;
    private final AtomicLong sealed = new AtomicLong();

    /** Heads whose chunks are being written, and the chunks. */
    private record PendingSeal(List<SeriesHead> heads, List<SealedChunk> chunks) {}

    Sealer(
            final Database database,
            final Heads heads,
            final TelemetrySettings settings,
            final StatementCache statements,
            final Compaction compaction,
            final IngestRows rows) {
        this.database = database;
        this.heads = heads;
        this.settings = settings;
        this.statements = statements;
        this.compaction = compaction;
        this.rows = rows;
        // A thread of its own: HiveMQ's managed executor would hold back the broker's shutdown for a queued task.
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final var sealer = new Thread(runnable, "hive-iot-device-api-sealer");
            sealer.setDaemon(true);
            return sealer;
        });
        this.stoppedWriters = rows.shared()
                ? new StoppedWriters(database, rows, settings, statements, thread, this::stoppedWritersSealed)
                : null;
    }

    /** Starts the periodic checks; the heads replayed at start are listed by {@code full}. */
    void start(final List<SeriesHead> full) {
        execute(() -> ready.addAll(full));
        thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A committed ingest row: called on the writer thread, applied on the sealer thread. */
    void committed(final long ingest, final List<IngestMessage> messages) {
        execute(() -> {
            heads.apply(ingest, messages, System.nanoTime(), settings, scratch);
            ready.addAll(scratch);
            scratch.clear();
            sealSome();
        });
    }

    /** Seals every head now; completes once their chunks are committed. */
    CompletableFuture<Void> sealAll() {
        final var idle = new CompletableFuture<Void>();
        try {
            thread.execute(() -> {
                ready.addAll(heads.listOpenedBefore(null));
                idleWaiters.add(idle);
                sealSome();
                completeIfIdle();
            });
        } catch (final RejectedExecutionException closed) {
            idle.completeExceptionally(new StoreException("the telemetry store is closed"));
        }
        return idle;
    }

    private void completeIfIdle() {
        if (inFlight == null && ready.isEmpty()) {
            idleWaiters.forEach(waiter -> waiter.complete(null));
            idleWaiters.clear();
        }
    }

    private void tick() {
        try {
            ready.addAll(heads.listOpenedBefore(
                    System.nanoTime() - settings.headMaxAge().toNanos()));
            sealSome();
            if (inFlight == null && ready.isEmpty()) {
                compaction.step();
            }
            if (stoppedWriters != null) {
                stoppedWriters.step(System.nanoTime());
            }
        } catch (final RuntimeException e) {
            log.warn("hive-iot-device-api: telemetry sealing failed, retrying: {}", e.toString());
        }
    }

    private void sealSome() {
        if (inFlight != null || ready.isEmpty()) {
            return;
        }
        final var chosen = new ArrayList<SeriesHead>(Math.min(CHUNKS_PER_WRITE, ready.size()));
        final var iterator = ready.iterator();
        while (iterator.hasNext() && chosen.size() < CHUNKS_PER_WRITE) {
            chosen.add(iterator.next());
            iterator.remove();
        }
        heads.startSealing(chosen);
        final var chunks = new ArrayList<SealedChunk>(chosen.size());
        for (final SeriesHead head : chosen) {
            // a head holds more than chunkPoints when its last message brought several points of the series
            chunks.addAll(ChunkMerge.cut(
                    head.series,
                    SeriesRun.ofArrivals(head.points, head.lastIngest).points(),
                    head.lastIngest,
                    settings));
        }
        write(new PendingSeal(chosen, chunks));
    }

    private void write(final PendingSeal seal) {
        inFlight = seal;
        final long keepFrom = heads.oldestNeeded(seal.heads());
        database.write(dsl -> SealWrite.run(dsl, statements, seal.chunks(), connection -> {
                    final PreparedStatement forget = statements.get(connection, rows.forgetSql());
                    rows.bindForget(forget, keepFrom);
                    return forget.executeUpdate();
                }))
                .whenComplete((forgotten, failure) -> execute(() -> written(seal, failure)));
    }

    private void written(final PendingSeal seal, final Throwable failure) {
        if (failure != null) {
            log.warn(
                    "hive-iot-device-api: writing {} telemetry chunks failed, retrying: {}",
                    seal.chunks().size(),
                    failure.getMessage());
            thread.schedule(() -> write(seal), TICK_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        heads.sealed(seal.heads());
        sealed.addAndGet(seal.chunks().size());
        compaction.sealed(seal.chunks());
        inFlight = null;
        sealSome();
        completeIfIdle();
    }

    /** Chunks of stopped nodes' rows, committed: sealer thread. */
    private void stoppedWritersSealed(final List<SealedChunk> chunks) {
        sealed.addAndGet(chunks.size());
        compaction.sealed(chunks);
    }

    /** Chunks written since the start. */
    long sealed() {
        return sealed.get();
    }

    private void execute(final Runnable task) {
        try {
            thread.execute(task);
        } catch (final RejectedExecutionException closed) {
            // closing: the ingest rows keep what was not applied, and the next start replays them
        }
    }

    /** Stops sealing. Unsealed points stay in their ingest rows; the next start replays them. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
