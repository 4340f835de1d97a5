package io.hiveiot.kit.database;

import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Items that many threads queue and the database's writer stores together: every item queued while the previous
 * write waited or ran goes into the next one, so a storm of small changes (a connection status per CONNECT, say)
 * costs one write per commit instead of one each, and the owner may store only the last of several changes of one
 * row. Items reach the write in the order they were queued.
 * <p>
 * While items wait, a write that will take them is always queued or running: the writer runs what it holds before
 * the database closes, so what was queued before is stored. A write refused because the writer's queue is full is
 * tried again shortly, never dropped.
 *
 * @param <E> an item
 * @param <R> what a write returns, handed to {@link Written#committed} once it is committed
 */
public final class CoalescedWrites<E, R> {

    /** What becomes of a write's items; called on the writer thread, so it must be quick. */
    public interface Written<E, R> {

        void committed(List<E> items, R result);

        /** The write failed and was rolled back, or the database is closed: the items are not stored. */
        void failed(List<E> items, Throwable failure);
    }

    private static final long RETRY_MILLIS = 20;

    private final Database database;
    private final BiFunction<DSLContext, List<E>, R> write;
    private final Written<E, R> written;
    private final Executor retry = CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS);
    private final Queue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param write stores a write's items on the writer thread; may run twice for one write (the writer runs a
     *              batch again write by write after another write of it failed), with the same items
     */
    public CoalescedWrites(
            final Database database, final BiFunction<DSLContext, List<E>, R> write, final Written<E, R> written) {
        this.database = database;
        this.write = write;
        this.written = written;
    }

    /** Queues an item for the next write. */
    public void add(final E item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        final var taken = new ArrayList<E>();
        final var drained = new AtomicBoolean();
        database.<R>write(dsl -> {
                    if (drained.compareAndSet(false, true)) {
                        // Cleared before taking: an item queued from now on schedules a write of its own.
                        scheduled.set(false);
                        for (E item = queue.poll(); item != null; item = queue.poll()) {
                            taken.add(item);
                        }
                    }
                    // Empty when a write scheduled meanwhile took these items before it ran.
                    return taken.isEmpty() ? null : write.apply(dsl, taken);
                })
                .whenComplete((result, failure) -> {
                    if (!drained.get()) {
                        // Refused before it ran: the items are still queued and this write still scheduled.
                        if (failure instanceof StoreOverloadedException) {
                            retry.execute(this::submit);
                        } else {
                            scheduled.set(false);
                            failQueued(failure);
                        }
                    } else if (taken.isEmpty()) {
                        return;
                    } else if (failure != null) {
                        written.failed(taken, failure);
                    } else {
                        written.committed(taken, result);
                    }
                });
    }

    private void failQueued(final Throwable failure) {
        final var items = new ArrayList<E>();
        for (E item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        if (!items.isEmpty()) {
            written.failed(items, failure);
        }
    }
}
