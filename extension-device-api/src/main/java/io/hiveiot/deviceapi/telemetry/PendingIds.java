package io.hiveiot.deviceapi.telemetry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The arrival order of pending points: ids that only grow, continuing after the largest pending one (read at the
 * first append after the open). A rolled-back append leaves a gap, which costs nothing. Used on the writer thread
 * only.
 */
final class PendingIds {

    private long next = -1;

    long next(final Connection connection) throws SQLException {
        if (next < 0) {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM ts_kv_pending")) {
                row.next();
                next = row.getLong(1);
            }
        }
        return next++;
    }
}
