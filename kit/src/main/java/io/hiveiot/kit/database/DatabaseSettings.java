package io.hiveiot.kit.database;

import java.time.Duration;
import java.util.Objects;

/**
 * How one extension opens its own SQLite database.
 *
 * @param jdbcUrl             {@code jdbc:sqlite:<file>}; the file's folder is created when missing
 * @param busyTimeout         how long a connection waits for a lock held by another connection
 * @param synchronousFull     {@code synchronous=FULL} (survives power loss) instead of {@code NORMAL}
 *                            (survives a crash of the broker process, the WAL default)
 * @param writerQueueCapacity writes waiting for the writer thread before new ones are refused
 * @param maxBatch            writes committed together in one transaction at most
 * @param readThreads         threads, each with its own read connection
 * @param readQueueCapacity   reads waiting for a read thread before new ones are refused
 */
public record DatabaseSettings(
        String jdbcUrl,
        Duration busyTimeout,
        boolean synchronousFull,
        int writerQueueCapacity,
        int maxBatch,
        int readThreads,
        int readQueueCapacity) {

    public static final String JDBC_PREFIX = "jdbc:sqlite:";

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("only SQLite JDBC URLs (" + JDBC_PREFIX + "...) are supported: " + jdbcUrl);
        }
        requirePositive(writerQueueCapacity, "writerQueueCapacity");
        requirePositive(maxBatch, "maxBatch");
        requirePositive(readThreads, "readThreads");
        requirePositive(readQueueCapacity, "readQueueCapacity");
    }

    /** Defaults for a database file: WAL with NORMAL sync, 5 s busy timeout, batches of up to 1,000 writes. */
    public static DatabaseSettings forFile(final java.nio.file.Path file) {
        return new DatabaseSettings(JDBC_PREFIX + file.toAbsolutePath(), Duration.ofSeconds(5), false, 10_000, 1_000, 2,
                10_000);
    }

    private static void requirePositive(final int value, final String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
