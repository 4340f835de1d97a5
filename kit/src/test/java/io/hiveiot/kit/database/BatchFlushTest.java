package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchFlushTest {

    private static final int POISON = -1;

    @TempDir
    Path temp;

    private Database database;
    private final SumRows sums = new SumRows();

    /**
     * Writes add numbers; the flush writes one item row per flush holding their sum (its value) and, once
     * committed, records the numbers it held. A {@link #POISON} number makes the flush throw.
     */
    private static final class SumRows implements BatchFlush {
        final List<Integer> pending = new ArrayList<>();
        final List<List<Integer>> committed = new CopyOnWriteArrayList<>();
        int flushes;

        @Override
        public Runnable flush(final DSLContext dsl) {
            flushes++;
            if (pending.isEmpty()) {
                return null;
            }
            if (pending.contains(POISON)) {
                throw new IllegalStateException("poisoned");
            }
            final List<Integer> held = List.copyOf(pending);
            pending.clear();
            dsl.insertInto(table("item"), field("owner_id"), field("value"))
                    .values("o1", held.stream().mapToInt(Integer::intValue).sum())
                    .execute();
            return () -> committed.add(held);
        }

        @Override
        public void discard() {
            pending.clear();
        }
    }

    @BeforeEach
    void open() {
        database = Database.open(
                "sample", DatabaseSettings.forFile(temp.resolve("sample.db")), BatchFlushTest.class.getClassLoader());
        database.write(dsl -> dsl.insertInto(table("owner"), field("id"), field("name"))
                        .values("o1", "first")
                        .execute())
                .join();
        database.addBatchFlush(sums);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void flush_ofABatch_writesOneRowAfterItsWrites_andActsBeforeTheirFuturesComplete() throws Exception {
        final CountDownLatch release = holdWriter();
        final var futures = new ArrayList<CompletableFuture<Boolean>>();
        for (int n = 1; n <= 3; n++) {
            final int number = n;
            futures.add(database.write(dsl -> sums.pending.add(number))
                    .thenApply(added -> sums.committed.contains(List.of(1, 2, 3))));
        }
        release.countDown();

        for (final CompletableFuture<Boolean> future : futures) {
            assertTrue(future.get(5, TimeUnit.SECONDS), "completed before the flush's commit action ran");
        }
        assertEquals(List.of(6), values());
        assertEquals(List.of(List.of(1, 2, 3)), sums.committed);
    }

    @Test
    void failingWrite_isDiscarded_andTheOthersAreFlushedWriteByWrite() throws Exception {
        final CountDownLatch release = holdWriter();
        final var first = database.write(dsl -> sums.pending.add(1));
        final CompletableFuture<Boolean> failing = database.write(dsl -> {
            sums.pending.add(2);
            throw new IllegalStateException("this write fails");
        });
        final var third = database.write(dsl -> sums.pending.add(3));
        release.countDown();

        assertTrue(first.get(5, TimeUnit.SECONDS));
        assertInstanceOf(
                StoreException.class,
                assertThrows(ExecutionException.class, () -> failing.get(5, TimeUnit.SECONDS))
                        .getCause());
        assertTrue(third.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 3), values());
        assertEquals(List.of(List.of(1), List.of(3)), sums.committed);
    }

    @Test
    void failingFlush_failsOnlyTheWriteWhoseWorkItHeld() throws Exception {
        final CountDownLatch release = holdWriter();
        final var first = database.write(dsl -> sums.pending.add(1));
        final var poisoned = database.write(dsl -> sums.pending.add(POISON));
        final var third = database.write(dsl -> sums.pending.add(3));
        release.countDown();

        assertTrue(first.get(5, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> poisoned.get(5, TimeUnit.SECONDS));
        assertTrue(third.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 3), values());
        assertEquals(List.of(List.of(1), List.of(3)), sums.committed);
        assertEquals(List.of(), sums.pending);
    }

    @Test
    void batchWithoutAccumulatedWork_flushesNothing() throws Exception {
        database.write(dsl -> 0).get(5, TimeUnit.SECONDS);

        assertTrue(sums.flushes > 0, "the flush is asked before every commit");
        assertEquals(List.of(), values());
        assertEquals(List.of(), sums.committed);
    }

    /** Holds the writer so that the writes queued next land in one batch. */
    private CountDownLatch holdWriter() throws InterruptedException {
        final var running = new CountDownLatch(1);
        final var release = new CountDownLatch(1);
        database.write(dsl -> {
            running.countDown();
            try {
                return release.await(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        return release;
    }

    private List<Integer> values() throws Exception {
        return database.read(dsl -> dsl.select(field("value", Integer.class))
                        .from(table("item"))
                        .orderBy(field("id"))
                        .fetch(DSL.field("value", Integer.class)))
                .get(5, TimeUnit.SECONDS);
    }
}
