package io.hiveiot.kit.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The bounded pool of PostgreSQL connections one extension opens, each with the extension's schema as its
 * {@code search_path}, so the same unqualified SQL reaches that schema's tables as it reaches a SQLite file's.
 * <p>
 * The driver's own data source, not {@code DriverManager}, which registers drivers once, under the first class
 * loader that asks (every HiveMQ extension has a class loader of its own).
 */
final class PostgresDataSource {

    private static final String DUPLICATE_SCHEMA = "42P06";
    private static final String UNIQUE_VIOLATION = "23505";

    private PostgresDataSource() {}

    /**
     * Creates the schema when missing, then opens the pool on it.
     *
     * @param name the database's name, e.g. {@code device-data}; its schema is {@code device_data}
     */
    static HikariDataSource open(final String name, final DatabaseSettings settings) throws SQLException {
        final var driver = new PGSimpleDataSource();
        driver.setURL(settings.jdbcUrl());
        settings.user().ifPresent(driver::setUser);
        settings.password().ifPresent(driver::setPassword);
        driver.setApplicationName("hive-iot " + name);
        // A read connection is read-only outside transactions too, as a SQLite query-only connection is.
        driver.setReadOnlyMode("always");
        final String schema = Engine.schema(name);
        try (Connection connection = driver.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (final SQLException e) {
            // Two nodes starting at once may both create it; IF NOT EXISTS does not guard against that race.
            if (!DUPLICATE_SCHEMA.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        final var config = new HikariConfig();
        config.setDataSource(driver);
        config.setSchema(schema);
        config.setPoolName(name);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setAutoCommit(true);
        config.setConnectionTimeout(settings.busyTimeout().toMillis());
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
