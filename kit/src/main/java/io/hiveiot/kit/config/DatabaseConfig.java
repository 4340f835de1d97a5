package io.hiveiot.kit.config;

import io.hiveiot.kit.database.DatabaseSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code <database>} section every extension's configuration has, for the one database the extension owns.
 *
 * @param jdbcUrl             the database; default {@code <hivemq-data>/hive-iot/<file>}
 * @param busyTimeout         how long a connection waits for a lock
 * @param synchronousFull     {@code synchronous=FULL} instead of {@code NORMAL}
 * @param writerQueueCapacity writes waiting for the writer before new ones are refused
 * @param maxBatch            writes committed together at most
 * @param readThreads         threads of the read pool
 */
public record DatabaseConfig(Optional<String> jdbcUrl, Duration busyTimeout, boolean synchronousFull,
                             int writerQueueCapacity, int maxBatch, int readThreads) {

    public static final DatabaseConfig DEFAULTS =
            new DatabaseConfig(Optional.empty(), Duration.ofSeconds(5), false, 10_000, 1_000, 2);

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
    }

    /** The section's values; ranges and the URL's form are the XSD's to check. */
    public static DatabaseConfig read(final ConfigElement database, final DatabaseConfig defaults)
            throws ConfigException {
        return new DatabaseConfig(
                database.childText("jdbc-url"),
                database.childPositiveDuration("busy-timeout", defaults.busyTimeout()),
                database.childText("synchronous").map("FULL"::equals).orElse(defaults.synchronousFull()),
                database.childInt("writer-queue-capacity", defaults.writerQueueCapacity()),
                database.childInt("max-batch", defaults.maxBatch()),
                database.childInt("read-threads", defaults.readThreads()));
    }

    /** @param name the database's name: without a configured URL, its file is {@code <name>.db} in the data folder */
    public DatabaseSettings settings(final Path hiveIotDataFolder, final String name) {
        final String url = jdbcUrl.orElse(DatabaseSettings.JDBC_PREFIX
                + hiveIotDataFolder.resolve(name + ".db").toAbsolutePath());
        return new DatabaseSettings(url, busyTimeout, synchronousFull, writerQueueCapacity, maxBatch, readThreads,
                10_000);
    }
}
