package io.hiveiot.kit.health;

import io.hiveiot.kit.database.Database;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a database takes writes: the writer commits a counter into the one row of table {@code kit_probe}, and a
 * read thread must then see that very value. A full writer queue, a failing commit, a closed database or a read
 * pool that cannot see the commit all count as no answer.
 */
final class DatabaseProbe {

    private static final String CREATE =
            "create table if not exists kit_probe (id integer primary key, value integer not null)";
    private static final String UPSERT = "insert into kit_probe (id, value) values (1, ?) "
            + "on conflict (id) do update set value = excluded.value";
    private static final String SELECT = "select value from kit_probe where id = 1";

    private final Database database;
    /** Starts anywhere, so that a row left by an earlier run is not mistaken for this run's write. */
    private final AtomicInteger sequence = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    private volatile long lastAnsweredNanos;
    private volatile boolean answered;

    DatabaseProbe(final Database database) {
        this.database = database;
    }

    /** One probe; waits at most {@code timeout} for it. Runs on the caller's thread, never a broker thread. */
    void runAndWait(final Duration timeout) {
        final int value = sequence.incrementAndGet();
        try {
            final Object read = database.write(dsl -> {
                        dsl.execute(CREATE);
                        return dsl.execute(UPSERT, value);
                    })
                    .thenCompose(written -> database.read(dsl -> dsl.fetchValue(SELECT)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            answered = read instanceof Number number && number.intValue() == value;
            if (answered) {
                lastAnsweredNanos = System.nanoTime();
            }
        } catch (final InterruptedException e) {
            answered = false;
            Thread.currentThread().interrupt();
        } catch (final ExecutionException | TimeoutException | RuntimeException e) {
            answered = false;
        }
    }

    /** True when the last probe was answered, and that was no longer than {@code age} ago. */
    boolean answeredWithin(final Duration age) {
        return answered && System.nanoTime() - lastAnsweredNanos <= age.toNanos();
    }
}
