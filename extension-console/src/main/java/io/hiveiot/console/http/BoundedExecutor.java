package io.hiveiot.console.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's own threads, never the broker's: a fixed number of them and a bounded queue. When both are full the
 * server's accepting thread waits for room, so a flood of requests slows the port down instead of growing memory
 * (JDK's server would leave a rejected connection open).
 */
final class BoundedExecutor {

    private BoundedExecutor() {}

    static ThreadPoolExecutor create(final String name, final int threads, final int queueSize) {
        final var counter = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize),
                runnable -> {
                    final var thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                waitForRoom());
    }

    private static RejectedExecutionHandler waitForRoom() {
        return (runnable, executor) -> {
            try {
                while (!executor.isShutdown()) {
                    if (executor.getQueue().offer(runnable, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
