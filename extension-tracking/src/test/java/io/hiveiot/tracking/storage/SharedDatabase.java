package io.hiveiot.tracking.storage;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.testkit.PostgresServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A new tracking database of the test run's engine, that two nodes' notifications can share. */
final class SharedDatabase {

    private SharedDatabase() {}

    static Database open(final Path temp) {
        final var defaults = DatabaseSettings.forUrl(PostgresServer.newDatabaseOrFile(temp.resolve("tracking.db")));
        // a listening connection for each of the two nodes, beside the writer's and the readers'
        final var settings = new DatabaseSettings(
                defaults.jdbcUrl(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                false,
                100,
                100,
                2,
                100,
                DatabaseSettings.minimumPoolSize(2) + 1);
        return Database.open("tracking", settings, SharedDatabase.class.getClassLoader());
    }
}
