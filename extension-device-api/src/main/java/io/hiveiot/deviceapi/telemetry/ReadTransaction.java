package io.hiveiot.deviceapi.telemetry;

import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a read's queries in one transaction on its read connection, so they see one state of the database: a seal or
 * a compaction that commits between two of them (chunks in, ingest rows or chunks out) can then neither hide points
 * nor count them twice. A SQLite transaction reads one snapshot; PostgreSQL's default (READ COMMITTED) gives each
 * statement its own, so there the transaction is REPEATABLE READ.
 */
final class ReadTransaction {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private ReadTransaction() {}

    static <T> T run(final DSLContext dsl, final Work<T> work) {
        return dsl.connectionResult(connection -> run(connection, work));
    }

    /** On a connection in auto-commit mode, which it is again afterwards. */
    static <T> T run(final Connection connection, final Work<T> work) throws SQLException {
        final int isolation = connection.getTransactionIsolation();
        final boolean raise = isolation < Connection.TRANSACTION_REPEATABLE_READ;
        if (raise) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        connection.setAutoCommit(false);
        try {
            return work.run(connection);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
            if (raise) {
                connection.setTransactionIsolation(isolation);
            }
        }
    }
}
