package io.hiveiot.kit.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one extension opens its own database.
 *
 * @param jdbcUrl             {@code jdbc:sqlite:<file>} (the file's folder is created when missing) or
 *                            {@code jdbc:postgresql://host:port/database}
 * @param user                PostgreSQL's user, unless the URL names it
 * @param password            PostgreSQL's password, unless the URL holds it
 * @param busyTimeout         SQLite: how long a connection waits for a lock held by another connection
 * @param synchronousFull     SQLite: {@code synchronous=FULL} (survives power loss) instead of {@code NORMAL}
 *                            (survives a crash of the broker process, the WAL default)
 * @param writerQueueCapacity writes waiting for the writer thread before new ones are refused
 * @param maxBatch            writes committed together in one transaction at most
 * @param readThreads         threads, each with its own read connection
 * @param readQueueCapacity   reads waiting for a read thread before new ones are refused
 * @param poolSize            PostgreSQL: connections opened at most, at least the writer's, the readers' and one
 *                            for notifications from other nodes
 */
public record DatabaseSettings(
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Duration busyTimeout,
        boolean synchronousFull,
        int writerQueueCapacity,
        int maxBatch,
        int readThreads,
        int readQueueCapacity,
        int poolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Engine.of(jdbcUrl);
        requirePositive(writerQueueCapacity, "writerQueueCapacity");
        requirePositive(maxBatch, "maxBatch");
        requirePositive(readThreads, "readThreads");
        requirePositive(readQueueCapacity, "readQueueCapacity");
        if (poolSize < minimumPoolSize(readThreads)) {
            throw new IllegalArgumentException("poolSize must be at least readThreads + 2 ("
                    + minimumPoolSize(readThreads) + "), was " + poolSize);
        }
    }

    /** The writer's connection, one per read thread, and one listening for other nodes' notifications. */
    public static int minimumPoolSize(final int readThreads) {
        return readThreads + 2;
    }

    /** Defaults for a database file: WAL with NORMAL sync, 5 s busy timeout, batches of up to 1,000 writes. */
    public static DatabaseSettings forFile(final Path file) {
        return forUrl(Engine.SQLITE.urlPrefix() + file.toAbsolutePath());
    }

    /** The defaults, for the database at {@code jdbcUrl}. */
    public static DatabaseSettings forUrl(final String jdbcUrl) {
        return new DatabaseSettings(
                jdbcUrl,
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                false,
                10_000,
                1_000,
                2,
                10_000,
                minimumPoolSize(2));
    }

    public Engine engine() {
        return Engine.of(jdbcUrl);
    }

    /** The URL without its query, which may hold a password: for log lines and messages. */
    public String safeUrl() {
        final int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static void requirePositive(final int value, final String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
