package io.hiveiot.kit.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Java that a migration runs after the statements of its SQL file, in the same transaction: for a data conversion
 * SQL cannot express (rows into a binary encoding, say). Registered with {@link Migrations#withStep}; the SQL file
 * of its version must exist all the same, so that the build's code generation and the recorded checksums see
 * every version.
 */
@FunctionalInterface
public interface MigrationStep {

    /** Runs inside the migration's transaction on the connection: never commit or roll back. */
    void migrate(Connection connection) throws SQLException;
}
