package io.hiveiot.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The database an extension keeps its data in during a test, opened from the test to look at it or to prepare it:
 * the extension's SQLite file, or its schema in the test run's PostgreSQL database. SQL written for both engines
 * ({@code INSERT ... ON CONFLICT DO NOTHING}, no {@code INSERT OR IGNORE}) runs on either.
 */
public final class ExtensionDatabase {

    private final String url;
    private final Path file;
    private final String schema;

    private ExtensionDatabase(final String url, final Path file, final String schema) {
        this.url = url;
        this.file = file;
        this.schema = schema;
    }

    static ExtensionDatabase sqlite(final Path file) {
        return new ExtensionDatabase("jdbc:sqlite:" + file.toAbsolutePath(), file, null);
    }

    static ExtensionDatabase postgres(final String databaseUrl, final String name) {
        final String schema = name.replace('-', '_').toLowerCase(Locale.ROOT);
        return new ExtensionDatabase(
                databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, schema);
    }

    public boolean postgres() {
        return schema != null;
    }

    /** Whether the extension created its database: the file, or the schema with its migration history. */
    public boolean exists() throws SQLException {
        if (!postgres()) {
            return Files.isRegularFile(file);
        }
        try (Connection connection = connect();
                var query = connection.prepareStatement(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            query.setString(1, schema);
            query.setString(2, "schema_migrations");
            try (var rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    /**
     * A new connection in auto-commit mode. On SQLite it waits for the extension's writer's locks and enforces
     * foreign keys, as the extension's own connections do. Only safe while the extension runs in the test's own
     * class loader (one copy of SQLite) or while the broker is stopped.
     */
    public Connection connect() throws SQLException {
        final Connection connection = DriverManager.getConnection(url);
        if (!postgres()) {
            try (var statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
        return connection;
    }
}
