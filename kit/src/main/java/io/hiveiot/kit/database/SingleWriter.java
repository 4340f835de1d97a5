package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one thread that writes a database, with group commit.
 * <p>
 * It blocks for the first queued write, then takes whatever else is queued (up to
 * {@code maxBatch}) without waiting, runs the writes in one transaction and commits once. Only after
 * the commit does it complete the writes' futures, in submission order, so a caller that
 * acknowledges on completion acknowledges committed data. A write that throws fails alone: the
 * transaction is rolled back and the batch run again with a savepoint around each write (writes
 * are database work only, so running one twice is safe). Savepoints only then, because taking and
 * releasing one per write cost the writer more than many writes themselves. A failed commit fails
 * the whole batch. A full queue is refused at once with {@link StoreOverloadedException}, never
 * waited for.
 * <p>
 * Owners of a {@link BatchFlush} ({@link #addFlush}) get one flush per transaction, after its writes and before the
 * commit; in the re-run with savepoints, one per write inside its savepoint, and a discard for a write rolled back.
 * <p>
 * Futures complete on the writer thread: what a caller chains onto them must be quick (resuming an
 * async output is), anything longer belongs on an executor of its own.
 */
final class SingleWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SingleWriter.class);

    private final String name;
    private final Connections connections;
    private final Function<Connection, DSLContext> dslFactory;
    private Connection connection;
    private DSLContext dsl;
    private final int maxBatch;
    private final int capacity;
    /** Written by the writer thread only. */
    private volatile boolean writing;

    private volatile long commits;
    private final BlockingQueue<Write<?>> queue;
    private final Thread thread;
    private final List<BatchFlush> flushes = new CopyOnWriteArrayList<>();
    private volatile boolean accepting = true;

    private record Write<T>(Function<DSLContext, T> work, CompletableFuture<T> future) {}

    /** @param connection the first connection to write with; another is opened from {@code connections} if it breaks */
    SingleWriter(
            final String name,
            final Connections connections,
            final Connection connection,
            final Function<Connection, DSLContext> dslFactory,
            final int capacity,
            final int maxBatch)
            throws SQLException {
        this.name = name;
        this.connections = connections;
        this.dslFactory = dslFactory;
        this.connection = connection;
        this.dsl = dslFactory.apply(connection);
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(capacity);
        connection.setAutoCommit(false);
        this.thread = new Thread(this::run, name + "-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a write. The future completes with the write's result once it is committed, or
     * exceptionally: {@link StoreOverloadedException} at once when the queue is full,
     * {@link StoreException} when the write or its commit failed or the writer is closed.
     */
    public <T> CompletableFuture<T> submit(final Function<DSLContext, T> work) {
        final var write = new Write<>(work, new CompletableFuture<T>());
        if (!accepting) {
            write.future().completeExceptionally(new StoreException(name + " is closed"));
        } else if (!queue.offer(write)) {
            write.future()
                    .completeExceptionally(new StoreOverloadedException(
                            name + " has " + capacity + " writes waiting; try again later"));
        }
        return write.future();
    }

    /** Flushes {@code flush} before every commit from now on. */
    public void addFlush(final BatchFlush flush) {
        flushes.add(flush);
    }

    /** Writes waiting for the writer thread: a gauge for the owning extension's metrics. */
    public int queued() {
        return queue.size();
    }

    /** True when no write is waiting or running: a health probe then competes with no real work. */
    public boolean idle() {
        return !writing && queue.isEmpty();
    }

    /** Commits that stored at least one write since the writer started: its progress, for a health probe. */
    public long commits() {
        return commits;
    }

    private void run() {
        final var batch = new ArrayList<Write<?>>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                final Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                writing = true;
                commit(batch);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (final RuntimeException e) {
                log.error("{}: unexpected error in the writer thread", name, e);
                failAll(batch, e);
            } finally {
                writing = false;
                batch.clear();
            }
        }
        final var left = new ArrayList<Write<?>>();
        queue.drainTo(left);
        failAll(left, new StoreException(name + " was closed before this write ran"));
    }

    private void commit(final List<Write<?>> batch) {
        final var results = new Object[batch.size()];
        final var failures = new Throwable[batch.size()];
        final var afterCommit = new ArrayList<Runnable>();
        try {
            if (!runTogether(batch, results, afterCommit)) {
                connection.rollback();
                discardAll();
                afterCommit.clear();
                Arrays.fill(results, null);
                runIsolated(batch, results, failures, afterCommit);
            }
            connection.commit();
        } catch (final SQLException | RuntimeException e) {
            rollbackQuietly();
            discardAll();
            failAll(batch, new StoreException(name + ": commit failed: " + e.getMessage(), e));
            reconnectIfBroken();
            return;
        }
        if (Arrays.stream(failures).anyMatch(failure -> failure == null)) {
            commits++;
        }
        for (final Runnable action : afterCommit) {
            try {
                action.run();
            } catch (final RuntimeException e) {
                log.error("{}: an action after a commit failed", name, e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    /** @return false as soon as a write or a flush throws (the transaction then holds part of the batch) */
    private boolean runTogether(final List<Write<?>> batch, final Object[] results, final List<Runnable> afterCommit) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                results[i] = batch.get(i).work().apply(dsl);
            } catch (final RuntimeException e) {
                return false;
            }
        }
        try {
            flushAll(afterCommit);
        } catch (final RuntimeException e) {
            return false;
        }
        return true;
    }

    private void runIsolated(
            final List<Write<?>> batch,
            final Object[] results,
            final Throwable[] failures,
            final List<Runnable> afterCommit)
            throws SQLException {
        final var afterWrite = new ArrayList<Runnable>();
        for (int i = 0; i < batch.size(); i++) {
            final Savepoint savepoint = connection.setSavepoint();
            try {
                results[i] = batch.get(i).work().apply(dsl);
                flushAll(afterWrite);
                connection.releaseSavepoint(savepoint);
                afterCommit.addAll(afterWrite);
            } catch (final RuntimeException e) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                discardAll();
                results[i] = null;
                failures[i] = e;
            } finally {
                afterWrite.clear();
            }
        }
    }

    private void flushAll(final List<Runnable> afterCommit) {
        for (final BatchFlush flush : flushes) {
            final Runnable action = flush.flush(dsl);
            if (action != null) {
                afterCommit.add(action);
            }
        }
    }

    private void discardAll() {
        for (final BatchFlush flush : flushes) {
            flush.discard();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(final Write<T> write, final Object result, final Throwable failure) {
        if (failure == null) {
            write.future().complete((T) result);
        } else {
            write.future()
                    .completeExceptionally(
                            failure instanceof StoreException
                                    ? failure
                                    : new StoreException(failure.getMessage(), failure));
        }
    }

    private static void failAll(final List<Write<?>> writes, final Throwable cause) {
        for (final Write<?> write : writes) {
            write.future().completeExceptionally(cause);
        }
    }

    /**
     * A server connection can break (a PostgreSQL restart, a network cut): the writes of the failed batch were
     * refused, and the next batch gets a new connection. A SQLite connection never breaks this way.
     */
    private void reconnectIfBroken() {
        try {
            if (connection.isValid(2)) {
                return;
            }
        } catch (final SQLException e) {
            // as broken
        }
        try {
            connection.close();
        } catch (final SQLException ignored) {
            // it is broken; closing is best effort
        }
        try {
            final Connection fresh = connections.open();
            fresh.setAutoCommit(false);
            connection = fresh;
            dsl = dslFactory.apply(fresh);
            log.warn("{}: the write connection broke and was replaced", name);
        } catch (final SQLException | RuntimeException e) {
            log.warn("{}: the write connection broke and cannot be replaced yet: {}", name, e.toString());
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (final SQLException e) {
            log.warn("{}: rollback after a failed commit failed too: {}", name, e.getMessage());
        }
    }

    /** Stops accepting writes, commits what is queued, then closes the connection. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (final SQLException e) {
            log.warn("{}: closing the write connection failed: {}", name, e.getMessage());
        }
    }
}
