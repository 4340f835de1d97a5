package io.hiveiot.kit.database;

import io.hiveiot.testkit.Await;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Items written together by a real SQLite database's writer. */
class CoalescedWritesTest {

    private static final int POISON = -1;

    @TempDir
    Path temp;

    private Database database;
    private final CountDownLatch release = new CountDownLatch(1);
    /** The items of each write, as the write function saw them. */
    private final List<List<Integer>> writes = new CopyOnWriteArrayList<>();

    private final List<List<Integer>> committed = new CopyOnWriteArrayList<>();
    private final List<List<Integer>> failed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        release.countDown();
        database.close();
    }

    @Test
    void itemsQueuedWhileTheWriterIsBusy_goIntoOneWrite_inTheOrderQueued() throws Exception {
        final var items = open(DatabaseSettings.forFile(temp.resolve("sample.db")));
        final CompletableFuture<Void> busy = holdTheWriter();

        IntStream.rangeClosed(1, 100).forEach(items::add);
        release.countDown();
        busy.get(10, TimeUnit.SECONDS);

        final List<Integer> all = IntStream.rangeClosed(1, 100).boxed().toList();
        assertEquals(List.of(all), Await.until(() -> List.copyOf(committed), done -> !done.isEmpty()));
        assertEquals(List.of(all), writes);
        assertEquals(all, stored());
    }

    @Test
    void aWriteThatFails_failsItsItemsOnly() throws Exception {
        final var items = open(DatabaseSettings.forFile(temp.resolve("sample.db")));

        items.add(POISON);
        assertEquals(List.of(List.of(POISON)), Await.until(() -> List.copyOf(failed), done -> !done.isEmpty()));
        items.add(7);
        assertEquals(List.of(List.of(7)), Await.until(() -> List.copyOf(committed), done -> !done.isEmpty()));

        assertEquals(List.of(7), stored());
    }

    @Test
    void aWriteRefusedByAFullWriterQueue_isTriedAgainUntilStored() throws Exception {
        final var settings = DatabaseSettings.forFile(temp.resolve("sample.db"));
        final var items = open(new DatabaseSettings(
                settings.jdbcUrl(),
                settings.user(),
                settings.password(),
                settings.busyTimeout(),
                false,
                1,
                settings.maxBatch(),
                settings.readThreads(),
                settings.readQueueCapacity(),
                settings.poolSize()));
        final CompletableFuture<Void> busy = holdTheWriter();
        final CompletableFuture<Integer> filler = database.write(dsl -> 0);

        items.add(3);
        Thread.sleep(100); // tried, refused and tried again meanwhile: nothing to wait for but time
        release.countDown();

        busy.get(10, TimeUnit.SECONDS);
        filler.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(List.of(3)), Await.until(() -> List.copyOf(committed), done -> !done.isEmpty()));
        assertEquals(List.of(3), stored());
        assertTrue(failed.isEmpty());
    }

    @Test
    void itemsQueuedBeforeTheDatabaseCloses_areStored() throws Exception {
        final var items = open(DatabaseSettings.forFile(temp.resolve("sample.db")));
        holdTheWriter();
        items.add(1);
        items.add(2);

        final var closing = new Thread(database::close);
        closing.start();
        release.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(30));

        database = Database.open(
                "sample",
                DatabaseSettings.forFile(temp.resolve("sample.db")),
                getClass().getClassLoader());
        assertEquals(List.of(1, 2), stored());
        assertEquals(List.of(List.of(1, 2)), committed);
    }

    private CoalescedWrites<Integer, Integer> open(final DatabaseSettings settings) {
        database = Database.open("sample", settings, getClass().getClassLoader());
        database.write(dsl -> dsl.insertInto(table("owner"), field("id"), field("name"))
                        .values("o1", "first")
                        .execute())
                .join();
        return new CoalescedWrites<>(database, this::insert, new CoalescedWrites.Written<>() {
            @Override
            public void committed(final List<Integer> items, final Integer rows) {
                committed.add(List.copyOf(items));
            }

            @Override
            public void failed(final List<Integer> items, final Throwable failure) {
                failed.add(List.copyOf(items));
            }
        });
    }

    private Integer insert(final DSLContext dsl, final List<Integer> items) {
        writes.add(List.copyOf(items));
        if (items.contains(POISON)) {
            throw new IllegalStateException("poisoned");
        }
        var insert = dsl.insertInto(table("item"), field("owner_id"), field("value"));
        for (final int item : items) {
            insert = insert.values("o1", item);
        }
        return insert.execute();
    }

    /** A write that runs until {@link #release}, so that what comes meanwhile waits. */
    private CompletableFuture<Void> holdTheWriter() throws InterruptedException {
        final var running = new CountDownLatch(1);
        final CompletableFuture<Void> busy = database.write(dsl -> {
            running.countDown();
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        return busy;
    }

    private List<Integer> stored() {
        return database.read(dsl -> dsl.fetchValues("SELECT value FROM item ORDER BY id").stream()
                        .map(value -> ((Number) value).intValue())
                        .toList())
                .join();
    }
}
