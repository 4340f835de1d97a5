package io.hiveiot.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits, bounded, for something the broker does asynchronously (a status write, a takeover), and
 * returns the last value seen so that the test's assertion reports what was there.
 */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {}

    public static <T> T until(final Callable<T> value, final Predicate<T> done) throws Exception {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        T current = value.call();
        while (!done.test(current) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            current = value.call();
        }
        return current;
    }
}
