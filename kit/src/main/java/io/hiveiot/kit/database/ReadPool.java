package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A few threads that read a database, each through a query-only connection of its own (WAL lets
 * them read while the writer writes). Kept apart from HiveMQ's shared extension executor, which
 * has one thread per core for every extension of the broker.
 */
final class ReadPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadPool.class);

    private final String name;
    private final Connections connections;
    private final Function<Connection, DSLContext> dslFactory;
    private final ThreadPoolExecutor executor;
    private final ThreadLocal<DSLContext> threadDsl = new ThreadLocal<>();
    private final List<Connection> open = new CopyOnWriteArrayList<>();

    ReadPool(
            final String name,
            final Connections connections,
            final Function<Connection, DSLContext> dslFactory,
            final int threads,
            final int queueCapacity) {
        this.name = name;
        this.connections = connections;
        this.dslFactory = dslFactory;
        final var counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    final var thread = new Thread(runnable, name + "-reader-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Runs a query on a read thread. Fails with {@link StoreOverloadedException} at once when the
     * queue is full, with {@link StoreException} when the query fails.
     */
    public <T> CompletableFuture<T> read(final Function<DSLContext, T> query) {
        final var future = new CompletableFuture<T>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(query.apply(dsl()));
                } catch (final StoreException e) {
                    future.completeExceptionally(e);
                } catch (final RuntimeException e) {
                    forgetIfBroken();
                    future.completeExceptionally(new StoreException(name + ": read failed: " + e.getMessage(), e));
                }
            });
        } catch (final RejectedExecutionException e) {
            future.completeExceptionally(
                    executor.isShutdown()
                            ? new StoreException(name + " is closed")
                            : new StoreOverloadedException(name + " has too many reads waiting; try again later"));
        }
        return future;
    }

    private DSLContext dsl() {
        DSLContext dsl = threadDsl.get();
        if (dsl == null) {
            try {
                final Connection connection = connections.openForReading();
                open.add(connection);
                dsl = dslFactory.apply(connection);
                threadDsl.set(dsl);
            } catch (final SQLException e) {
                throw new StoreException(name + ": cannot open a read connection: " + e.getMessage(), e);
            }
        }
        return dsl;
    }

    /** A read thread whose server connection broke opens a new one for its next read. */
    private void forgetIfBroken() {
        final DSLContext dsl = threadDsl.get();
        if (dsl == null) {
            return;
        }
        final Connection connection = dsl.configuration().connectionProvider().acquire();
        try {
            if (connection.isValid(2)) {
                return;
            }
        } catch (final SQLException e) {
            // as broken
        }
        threadDsl.remove();
        open.remove(connection);
        try {
            connection.close();
        } catch (final SQLException ignored) {
            // it is broken; closing is best effort
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (final Connection connection : open) {
            try {
                connection.close();
            } catch (final SQLException e) {
                log.warn("{}: closing a read connection failed: {}", name, e.getMessage());
            }
        }
    }
}
