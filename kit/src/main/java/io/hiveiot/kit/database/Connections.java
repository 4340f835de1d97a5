package io.hiveiot.kit.database;

import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a database's connections come from, and how each kind of connection is set up: SQLite's read connections
 * are made query-only (WAL lets them read while the writer writes); PostgreSQL's come from a bounded pool and are
 * returned to it when closed.
 */
abstract class Connections implements AutoCloseable {

    /** A new connection for the writer (auto-commit off) or the read pool. */
    abstract Connection open() throws SQLException;

    /** A connection of a read thread, which never writes. */
    abstract Connection openForReading() throws SQLException;

    /** For log lines and messages: the file, or the server's database and schema; never a password. */
    abstract String location();

    @Override
    public abstract void close();

    static Connections sqlite(final SQLiteDataSource dataSource, final String jdbcUrl) {
        return new Connections() {
            @Override
            Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            Connection openForReading() throws SQLException {
                final Connection connection = dataSource.getConnection();
                try (var statement = connection.createStatement()) {
                    statement.execute("PRAGMA query_only = ON");
                }
                return connection;
            }

            @Override
            String location() {
                return jdbcUrl.substring(Engine.SQLITE.urlPrefix().length());
            }

            @Override
            public void close() {
                // each connection closes on its own; a SQLite data source holds nothing
            }
        };
    }

    static Connections postgres(final HikariDataSource pool, final String safeUrl, final String schema) {
        return new Connections() {
            @Override
            Connection open() throws SQLException {
                return pool.getConnection();
            }

            @Override
            Connection openForReading() throws SQLException {
                final Connection connection = pool.getConnection();
                connection.setReadOnly(true);
                return connection;
            }

            @Override
            String location() {
                return safeUrl + " schema " + schema;
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }
}
