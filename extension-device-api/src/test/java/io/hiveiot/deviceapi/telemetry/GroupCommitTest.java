package io.hiveiot.deviceapi.telemetry;

import io.hiveiot.deviceapi.payload.TsKvBatch;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.storage.TestDatabase;
import io.hiveiot.kit.database.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static io.hiveiot.deviceapi.storage.TestDatabase.await;
import static io.hiveiot.deviceapi.telemetry.TelemetryStoreTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupCommitTest {

    private static final int THREADS = 4;
    private static final int APPENDS_PER_THREAD = 500;
    private static final int POINTS_PER_APPEND = 3;

    @TempDir
    Path folder;

    @Test
    void appends_from4ThreadsWithoutWaiting_allCommitAndAreCounted() throws Exception {
        final var futures = new ConcurrentLinkedQueue<CompletableFuture<Integer>>();
        try (Database database = TestDatabase.open(folder)) {
            final var store = new TelemetryStore(database);
            final var start = new CountDownLatch(1);
            final var threads = new ArrayList<Thread>();
            for (int t = 0; t < THREADS; t++) {
                final String device = "device-" + t;
                final var thread = new Thread(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        final var points = new ArrayList<TsKvBatch>();
                        for (int p = 0; p < POINTS_PER_APPEND; p++) {
                            points.add(batch((long) i * POINTS_PER_APPEND + p, "t", new LongValue(i)));
                        }
                        futures.add(store.append(device, points));
                    }
                });
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            for (final Thread thread : threads) {
                thread.join();
            }

            assertEquals(THREADS * APPENDS_PER_THREAD, futures.size());
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            int stored = 0;
            for (final CompletableFuture<Integer> future : futures) {
                stored += future.join();
            }
            assertEquals(THREADS * APPENDS_PER_THREAD * POINTS_PER_APPEND, stored);
            assertEquals((long) stored, await(store.countHistory()));
            for (int t = 0; t < THREADS; t++) {
                assertEquals((long) APPENDS_PER_THREAD * POINTS_PER_APPEND, await(store.countHistory("device-" + t)));
            }
        }
        // Completed means committed: a fresh open of the file sees every point.
        try (Database reopened = TestDatabase.open(folder)) {
            assertEquals(
                    (long) THREADS * APPENDS_PER_THREAD * POINTS_PER_APPEND,
                    await(new TelemetryStore(reopened).countHistory()));
            assertEquals(List.of(), reopened.appliedMigrations());
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
