package io.hiveiot.kit.config;

import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.kit.database.Engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code <database>} section every extension's configuration has, for the one database the extension owns.
 *
 * @param jdbcUrl             the database; without it, the installation's ({@link InstallationDatabase}), else the
 *                            SQLite file {@code <hivemq-data>/hive-iot/<name>.db}
 * @param user                PostgreSQL's user
 * @param password            PostgreSQL's password
 * @param busyTimeout         SQLite: how long a connection waits for a lock
 * @param synchronousFull     SQLite: {@code synchronous=FULL} instead of {@code NORMAL}
 * @param writerQueueCapacity writes waiting for the writer before new ones are refused
 * @param maxBatch            writes committed together at most
 * @param readThreads         threads of the read pool
 * @param poolSize            PostgreSQL: connections opened at most; default read threads + 2
 */
public record DatabaseConfig(
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Duration busyTimeout,
        boolean synchronousFull,
        int writerQueueCapacity,
        int maxBatch,
        int readThreads,
        OptionalInt poolSize) {

    public static final DatabaseConfig DEFAULTS = new DatabaseConfig(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(5),
            false,
            10_000,
            1_000,
            2,
            OptionalInt.empty());

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(poolSize, "poolSize");
    }

    /** The section's values; ranges and the URL's form are the XSD's to check. */
    public static DatabaseConfig read(final ConfigElement database, final DatabaseConfig defaults)
            throws ConfigException {
        final int readThreads = database.childInt("read-threads", defaults.readThreads());
        final OptionalInt poolSize = database.child("pool-size").isPresent()
                ? OptionalInt.of(database.childInt("pool-size", 0))
                : defaults.poolSize();
        if (poolSize.isPresent() && poolSize.getAsInt() < DatabaseSettings.minimumPoolSize(readThreads)) {
            throw database.child("pool-size")
                    .orElseThrow()
                    .problem("pool-size must be at least read-threads + 2 ("
                            + DatabaseSettings.minimumPoolSize(readThreads)
                            + "): the writer, the readers and one connection "
                            + "for notifications from other nodes");
        }
        return new DatabaseConfig(
                database.childText("jdbc-url"),
                database.childText("user"),
                database.childText("password"),
                database.childPositiveDuration("busy-timeout", defaults.busyTimeout()),
                database.childText("synchronous").map("FULL"::equals).orElse(defaults.synchronousFull()),
                database.childInt("writer-queue-capacity", defaults.writerQueueCapacity()),
                database.childInt("max-batch", defaults.maxBatch()),
                readThreads,
                poolSize);
    }

    /**
     * @param hiveIotDataFolder where the SQLite file lives when no URL is configured
     * @param name              the database's name: its file is {@code <name>.db}
     * @param installation      the installation's database, used when this section names no URL
     */
    public DatabaseSettings settings(
            final Path hiveIotDataFolder, final String name, final InstallationDatabase installation) {
        final boolean own = jdbcUrl.isPresent();
        final String url = jdbcUrl.or(installation::jdbcUrl)
                .orElse(Engine.SQLITE.urlPrefix()
                        + hiveIotDataFolder.resolve(name + ".db").toAbsolutePath());
        return new DatabaseSettings(
                url,
                own ? user : user.or(installation::user),
                own ? password : password.or(installation::password),
                busyTimeout,
                synchronousFull,
                writerQueueCapacity,
                maxBatch,
                readThreads,
                10_000,
                poolSize.orElse(DatabaseSettings.minimumPoolSize(readThreads)));
    }
}
