package io.hiveiot.kit.database;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every engine's {@link Database} must do: group commit with failures isolated, separate writes, refusal of a
 * full queue, queued writes committed at close, read-only reads. {@link SqliteDatabaseTest} and
 * {@link PostgresDatabaseTest} run it against a real SQLite file and a real PostgreSQL server.
 */
abstract class DatabaseContract {

    private Database database;
    private DatabaseSettings settings;

    /** A new, empty database of the engine under test. */
    abstract DatabaseSettings newDatabase();

    @BeforeEach
    void open() {
        settings = newDatabase();
        database = open(settings);
        database.write(dsl -> dsl.insertInto(table("owner"), field("id"), field("name"))
                        .values("o1", "first")
                        .execute())
                .join();
    }

    @AfterEach
    void close() {
        database.close();
    }

    static Database open(final DatabaseSettings settings) {
        return Database.open("sample", settings, DatabaseContract.class.getClassLoader());
    }

    @Test
    void write_failingWrite_failsAloneAndTheRestOfItsBatchCommits() throws Exception {
        final var blocker = new CountDownLatch(1);
        // Hold the writer so that the next three writes land in one batch.
        final CompletableFuture<Object> held = database.write(dsl -> {
            await(blocker);
            return null;
        });
        final var first = insertItem(1, "o1");
        final var broken = insertItem(2, "missing-owner");
        final var third = insertItem(3, "o1");
        blocker.countDown();
        held.get(5, TimeUnit.SECONDS);

        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        final var error = assertThrows(ExecutionException.class, () -> broken.get(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, error.getCause());
        assertEquals(1, third.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 3), itemIds());
    }

    @Test
    void write_whenQueueIsFull_isRefusedAtOnce() throws Exception {
        database.close();
        final DatabaseSettings small = newDatabase();
        database = open(new DatabaseSettings(
                small.jdbcUrl(),
                small.user(),
                small.password(),
                Duration.ofSeconds(5),
                false,
                2,
                10,
                1,
                10,
                DatabaseSettings.minimumPoolSize(1)));
        final var blocker = new CountDownLatch(1);
        final var running = new CountDownLatch(1);
        final CompletableFuture<Object> held = database.write(dsl -> {
            running.countDown();
            await(blocker);
            return null;
        });
        running.await(5, TimeUnit.SECONDS);
        final var queued = new ArrayList<CompletableFuture<Integer>>();
        queued.add(database.write(dsl -> 1));
        queued.add(database.write(dsl -> 2));
        final CompletableFuture<Integer> refused = database.write(dsl -> 3);

        assertTrue(refused.isCompletedExceptionally(), "a full queue must refuse without waiting");
        final var error = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(StoreOverloadedException.class, error.getCause());
        blocker.countDown();
        held.get(5, TimeUnit.SECONDS);
        assertEquals(1, queued.get(0).get(5, TimeUnit.SECONDS));
        assertEquals(2, queued.get(1).get(5, TimeUnit.SECONDS));
    }

    @Test
    void close_commitsWritesStillQueued() throws Exception {
        final List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 10; i < 60; i++) {
            writes.add(insertItem(i, "o1"));
        }
        database.close();
        for (final var write : writes) {
            assertEquals(1, write.get(5, TimeUnit.SECONDS));
        }
        database = open(settings);
        assertEquals(50, itemIds().size());
    }

    @Test
    void read_seesCommittedWrites_andCannotWrite() throws Exception {
        insertItem(7, "o1").get(5, TimeUnit.SECONDS);
        assertEquals(List.of(7), itemIds());
        final var error = assertThrows(
                ExecutionException.class,
                () -> database.read(dsl -> dsl.insertInto(table("item"), field("id"), field("owner_id"), field("value"))
                                .values(8, "o1", 0)
                                .execute())
                        .get(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreException.class, error.getCause());
    }

    Database database() {
        return database;
    }

    DatabaseSettings settings() {
        return settings;
    }

    CompletableFuture<Integer> insertItem(final int id, final String owner) {
        return database.write(dsl -> dsl.insertInto(table("item"), field("id"), field("owner_id"), field("value"))
                .values(id, owner, id * 10)
                .execute());
    }

    List<Integer> itemIds() throws Exception {
        return database.read(dsl -> dsl.select(field("id", Integer.class))
                        .from(table("item"))
                        .orderBy(field("id"))
                        .fetch(DSL.field("id", Integer.class)))
                .get(5, TimeUnit.SECONDS);
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
