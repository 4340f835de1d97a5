package io.hiveiot.kit.health;

import io.hiveiot.kit.database.Database;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a database takes writes. While its writer is idle, the writer commits a counter into the one row of table
 * {@code kit_probe}, and a read thread must then see that very value; a failing commit, a closed database or a read
 * pool that cannot see the commit count as no answer. While the writer works for clients, the probe takes no place in
 * their queue: a commit since its last look is the answer, and a writer that committed nothing since then gives none.
 */
final class DatabaseProbe {

    private static final String CREATE =
            "create table if not exists kit_probe (id integer primary key, value integer not null)";
    private static final String UPSERT = "insert into kit_probe (id, value) values (1, ?) "
            + "on conflict (id) do update set value = excluded.value";
    private static final String SELECT = "select value from kit_probe where id = 1";

    private final Database database;
    /** Starts anywhere, so that a row left by an earlier run is not mistaken for this run's write. */
    private final AtomicInteger sequence =
            new AtomicInteger(ThreadLocalRandom.current().nextInt());

    private volatile long lastAnsweredNanos;
    private volatile boolean answered;
    private long commitsSeen;

    DatabaseProbe(final Database database) {
        this.database = database;
        this.commitsSeen = database.commits();
    }

    /** One probe; waits at most {@code timeout} for it. Runs on the caller's thread, never a broker thread. */
    void runAndWait(final Duration timeout) {
        if (!database.writerIdle()) {
            final long commits = database.commits();
            if (commits != commitsSeen) {
                commitsSeen = commits;
                answered(true);
            }
            return;
        }
        final int value = sequence.incrementAndGet();
        try {
            final Object read = database.write(dsl -> {
                        dsl.execute(CREATE);
                        return dsl.execute(UPSERT, value);
                    })
                    .thenCompose(written -> database.read(dsl -> dsl.fetchValue(SELECT)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            answered(read instanceof Number number && number.intValue() == value);
            commitsSeen = database.commits();
        } catch (final InterruptedException e) {
            answered(false);
            Thread.currentThread().interrupt();
        } catch (final ExecutionException | TimeoutException | RuntimeException e) {
            answered(false);
        }
    }

    private void answered(final boolean yes) {
        answered = yes;
        if (yes) {
            lastAnsweredNanos = System.nanoTime();
        }
    }

    /** True when the last probe was answered, and that was no longer than {@code age} ago. */
    boolean answeredWithin(final Duration age) {
        return answered && System.nanoTime() - lastAnsweredNanos <= age.toNanos();
    }
}
