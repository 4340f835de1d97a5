package io.hiveiot.kit.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements kept open per database thread for the hottest queries and writes. SQLite
 * often spends longer preparing a statement than running it, and jOOQ renders a query's SQL anew
 * on every execution; both showed up at the top of a connect storm's profile. Each writer and read
 * thread has a connection of its own, so the cache is per thread; the statements close with their
 * connection.
 */
public final class StatementCache {

    private static final class ThreadStatements {
        private Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();
    }

    private final ThreadLocal<ThreadStatements> byThread = ThreadLocal.withInitial(ThreadStatements::new);

    /** The statement for {@code sql} on {@code connection}, prepared on this thread's first use. */
    public PreparedStatement get(final Connection connection, final String sql) throws SQLException {
        final ThreadStatements mine = byThread.get();
        if (mine.connection != connection) {
            mine.statements.clear();
            mine.connection = connection;
        }
        PreparedStatement statement = mine.statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            mine.statements.put(sql, statement);
        }
        return statement;
    }
}
