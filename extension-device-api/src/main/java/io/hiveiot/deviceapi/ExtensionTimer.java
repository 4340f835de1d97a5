package io.hiveiot.deviceapi;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A timer thread of the extension's own. A task scheduled on HiveMQ's managed executor would hold back the
 * broker's shutdown until it was due, so the extension keeps daemon threads: one for RPC timeouts and the
 * persistent-RPC expiry sweep (tasks that never block), one for the retention purge (which waits for its writes).
 */
final class ExtensionTimer {

    private ExtensionTimer() {
    }

    static ScheduledExecutorService start(final String name) {
        final var timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            final var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        // An answered RPC cancels its timeout: without this, cancelled timeouts would stay queued until due.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
