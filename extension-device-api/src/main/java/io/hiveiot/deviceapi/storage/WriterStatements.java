package io.hiveiot.deviceapi.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements kept open on the writer's connection for the hottest writes. SQLite spends longer preparing
 * an upsert on a table with a CHECK than running it, and the single writer is the one thread every device's
 * telemetry passes through. Only the writer thread may use an instance; the statements close with the connection.
 */
public final class WriterStatements {

    private Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** The statement for {@code sql} on {@code writer}, prepared on first use. */
    public PreparedStatement get(final Connection writer, final String sql) throws SQLException {
        if (writer != connection) {
            statements.clear();
            connection = writer;
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = writer.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }
}
