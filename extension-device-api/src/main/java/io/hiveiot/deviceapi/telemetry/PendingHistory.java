package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StatementCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps {@code ts_kv_pending} short. Devices are spread over {@link #PARTS} partitions by their id; while points
 * are pending, one partition after the other is folded into {@code ts_kv}, each fold a write of its own (at most
 * {@link #SLICE_ROWS} rows) committed separately from device appends, so that an append waits for a fold only when
 * it arrives while one runs, and then for the fold of a 32nd of the devices (with 16 partitions, the p99
 * publish-to-PUBACK latency at 8,000 telemetry messages/s was 22 ms; with 32, 15 to 18 ms: a fold's stall is
 * shorter, while an append's commit dirties more partitions' newest pages). Every partition comes round once
 * per cycle ({@code cycle}): the longer the cycle, the more points a series' leaf page takes per write, and the
 * longer points stay pending. A slice that was full is followed by the rest of its partition at once. Reads of the
 * history fold everything first ({@link #foldAll}), so they see every acknowledged point. Partitions known to be
 * empty are skipped, so an idle broker queues no folds; at start every partition is folded once, since a crash may
 * have left points pending.
 * <p>
 * A fold that fails (a full writer queue, a locked file) is retried a tick later: the points stay pending,
 * committed, and nothing is lost. Points left pending by a crash are folded after the next start.
 */
final class PendingHistory implements AutoCloseable {

    /** Never fewer in a later version without folding first: {@link #foldAll} folds only these partitions. */
    static final int PARTS = 32;
    /** A fold's rows at most: about 10 ms of writer time on the development machine (2 cores). */
    static final int SLICE_ROWS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(PendingHistory.class);

    private final Database database;
    private final StatementCache statements;
    private final long tickMillis;
    private final ScheduledExecutorService timer;
    /** Points appended and not yet folded, per partition; what a crash left is not counted: the start round folds it. */
    private final AtomicLongArray pendingRows = new AtomicLongArray(PARTS);
    private final AtomicBoolean foldQueued = new AtomicBoolean();
    // used by one fold at a time: the timer thread queues it, the writer thread completes it
    private volatile int nextPart;
    private volatile int startRound = PARTS;

    PendingHistory(final Database database, final StatementCache statements, final Duration cycle) {
        this.database = database;
        this.statements = statements;
        this.tickMillis = Math.max(1, cycle.toMillis() / PARTS);
        // A thread of its own: HiveMQ's managed executor would hold back the broker's shutdown for a queued task.
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final var thread = new Thread(runnable, "hive-iot-device-api-history-fold");
            thread.setDaemon(true);
            return thread;
        });
        schedule(tickMillis);
    }

    /** The partition of a device's pending points. */
    static int partOf(final String deviceId) {
        return Math.floorMod(deviceId.hashCode(), PARTS);
    }

    /** Called when appended points of a device were committed. Cheap: it runs on the writer thread. */
    void appended(final String deviceId, final int rows) {
        pendingRows.addAndGet(partOf(deviceId), rows);
        schedule(tickMillis);
    }

    /**
     * Folds every pending point in one write (normally a cycle's worth), committed separately from device appends;
     * completes after the commit, or at once when nothing is pending, so reads of an idle store never wait for the
     * writer.
     */
    CompletableFuture<Integer> foldAll() {
        // Counted before their appends complete, so a read after an acknowledgement sees its points counted.
        if (startRound == 0 && !anyPending()) {
            return CompletableFuture.completedFuture(0);
        }
        return database.writeSeparately(dsl -> {
            int moved = 0;
            for (int part = 0; part < PARTS; part++) {
                moved += HistoryFold.run(dsl, statements, part, Integer.MAX_VALUE);
            }
            // On the writer thread, after every append committed so far has been counted: none is left.
            for (int part = 0; part < PARTS; part++) {
                pendingRows.set(part, 0);
            }
            return moved;
        });
    }

    private void schedule(final long delay) {
        if (foldQueued.compareAndSet(false, true)) {
            try {
                timer.schedule(this::foldNextPart, delay, TimeUnit.MILLISECONDS);
            } catch (final RejectedExecutionException closed) {
                foldQueued.set(false);
            }
        }
    }

    private void foldNextPart() {
        final int part = partToFold();
        if (part < 0) {
            foldQueued.set(false);
            // an append may have come between the scan and the flag
            if (anyPending()) {
                schedule(tickMillis);
            }
            return;
        }
        database.writeSeparately(dsl -> HistoryFold.run(dsl, statements, part, SLICE_ROWS))
                .whenComplete((moved, failure) -> {
                    foldQueued.set(false);
                    if (failure != null) {
                        log.warn("hive-iot-device-api: moving telemetry into the history failed, retrying: {}",
                                failure.getMessage());
                        schedule(tickMillis);
                        return;
                    }
                    pendingRows.getAndUpdate(part, rows -> Math.max(0, rows - moved));
                    if (moved == SLICE_ROWS) {
                        schedule(0);
                        return;
                    }
                    if (startRound > 0) {
                        startRound--;
                    }
                    nextPart = (part + 1) % PARTS;
                    if (startRound > 0 || anyPending()) {
                        schedule(tickMillis);
                    }
                });
    }

    /** The next partition in turn that has points pending (during the start round, the next one), or -1. */
    private int partToFold() {
        for (int i = 0; i < PARTS; i++) {
            final int part = (nextPart + i) % PARTS;
            if (startRound > 0 || pendingRows.get(part) > 0) {
                nextPart = part;
                return part;
            }
        }
        return -1;
    }

    private boolean anyPending() {
        for (int part = 0; part < PARTS; part++) {
            if (pendingRows.get(part) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Stops the timer and queues the fold of what is pending: the database's close commits it. */
    @Override
    public void close() {
        timer.shutdownNow();
        foldAll();
    }
}
