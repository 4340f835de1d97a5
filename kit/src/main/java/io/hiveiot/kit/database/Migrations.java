package io.hiveiot.kit.database;

import io.hiveiot.kit.secret.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Brings a database to the schema of the running code.
 * <p>
 * Migrations are the class-path resources {@code <folder>/V001.sql}, {@code V002.sql}, ... (the first
 * missing number ends the list; the same files feed the build's jOOQ code generation). Each one runs
 * in its own transaction together with its row in {@code schema_migrations}. A migration that was
 * edited after it was applied, or a database newer than the code, stops the start instead of
 * guessing. A version may add a {@link MigrationStep} in Java ({@link #withStep}), run after its SQL in the same
 * transaction. Hand-written rather than Flyway: Flyway finds migrations by scanning class-path
 * locations, which HiveMQ's per-extension class loaders and shaded jars make unreliable, and it
 * would add more to every extension jar than this whole class.
 */
public final class Migrations {

    private final List<String> folders;
    private final ClassLoader classLoader;
    private final String lockedSchema;
    private final Map<Integer, MigrationStep> steps;

    /** For a database no other process migrates: a SQLite file of one extension. */
    public Migrations(final String folder, final ClassLoader classLoader) {
        this(List.of(folder), classLoader, null, Map.of());
    }

    /**
     * @param folders      where each version is looked for, the first folder that has it winning
     * @param lockedSchema a PostgreSQL schema that several broker nodes may migrate at once: migrations then run
     *                     under an advisory lock of that name, so one node migrates and the others find it done;
     *                     null for SQLite
     */
    Migrations(
            final List<String> folders,
            final ClassLoader classLoader,
            final String lockedSchema,
            final Map<Integer, MigrationStep> steps) {
        this.folders = folders.stream()
                .map(folder -> folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder)
                .toList();
        this.classLoader = classLoader;
        this.lockedSchema = lockedSchema;
        this.steps = Map.copyOf(steps);
    }

    /** These migrations, with {@code step} run after the SQL of {@code version} when that version is applied. */
    public Migrations withStep(final int version, final MigrationStep step) {
        final var more = new TreeMap<>(steps);
        if (more.put(version, step) != null) {
            throw new IllegalArgumentException("version " + version + " has a step already");
        }
        return new Migrations(folders, classLoader, lockedSchema, more);
    }

    /** A migration as shipped: version, file name, SQL text and its checksum. */
    record Migration(int version, String resource, String sql, String checksum) {}

    /**
     * Applies every migration the database lacks.
     *
     * @return the versions applied now, in order
     */
    public List<Integer> apply(final Connection connection) throws SQLException {
        final List<Migration> shipped = load();
        final boolean autoCommit = connection.getAutoCommit();
        lock(connection, "pg_advisory_lock");
        connection.setAutoCommit(false);
        try {
            createHistoryTable(connection);
            final Map<Integer, String> applied = appliedChecksums(connection);
            verifyHistory(shipped, applied);
            final var appliedNow = new ArrayList<Integer>();
            for (final Migration migration : shipped) {
                if (!applied.containsKey(migration.version())) {
                    run(connection, migration);
                    appliedNow.add(migration.version());
                }
            }
            return appliedNow;
        } finally {
            connection.setAutoCommit(autoCommit);
            lock(connection, "pg_advisory_unlock");
        }
    }

    private void lock(final Connection connection, final String function) throws SQLException {
        if (lockedSchema == null) {
            return;
        }
        try (var statement = connection.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            statement.setString(1, "hive-iot migrations " + lockedSchema);
            statement.execute();
        }
    }

    List<Migration> load() {
        final var migrations = new ArrayList<Migration>();
        for (int version = 1; ; version++) {
            final Optional<Migration> migration = find(version);
            if (migration.isEmpty()) {
                break;
            }
            migrations.add(migration.get());
        }
        if (migrations.isEmpty()) {
            throw new StoreException(
                    "no migrations found: expected " + folders.get(folders.size() - 1) + "/V001.sql on the class path");
        }
        for (final int version : steps.keySet()) {
            if (version < 1 || version > migrations.size()) {
                throw new StoreException("a step is registered for version " + version + " but there is no "
                        + String.format("%s/V%03d.sql", folders.get(folders.size() - 1), version));
            }
        }
        return migrations;
    }

    private static void createHistoryTable(final Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    + "version INTEGER PRIMARY KEY, resource TEXT NOT NULL, checksum TEXT NOT NULL, "
                    + "applied_at BIGINT NOT NULL)");
        }
        connection.commit();
    }

    private static Map<Integer, String> appliedChecksums(final Connection connection) throws SQLException {
        final var applied = new HashMap<Integer, String>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void verifyHistory(final List<Migration> shipped, final Map<Integer, String> applied) {
        for (final Map.Entry<Integer, String> entry : applied.entrySet()) {
            final int version = entry.getKey();
            if (version > shipped.size()) {
                throw new StoreException("the database is at schema version " + version
                        + " but this extension knows versions up to " + shipped.size()
                        + ": it was written by a newer release; downgrades are not supported");
            }
            final Migration migration = shipped.get(version - 1);
            if (!migration.checksum().equals(entry.getValue())) {
                throw new StoreException(migration.resource()
                        + " was changed after it had been applied to this database; ship a new migration instead");
            }
        }
    }

    private void run(final Connection connection, final Migration migration) throws SQLException {
        try (var statement = connection.createStatement()) {
            for (final String sql : SqlScript.statements(migration.sql())) {
                statement.executeUpdate(sql);
            }
            final MigrationStep step = steps.get(migration.version());
            if (step != null) {
                step.migrate(connection);
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO schema_migrations (version, resource, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.resource());
                insert.setString(3, migration.checksum());
                insert.setLong(4, System.currentTimeMillis());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (final SQLException | RuntimeException e) {
            connection.rollback();
            throw new StoreException("migration " + migration.resource() + " failed: " + e.getMessage(), e);
        }
    }

    private Optional<Migration> find(final int version) {
        for (final String folder : folders) {
            final String resource = String.format("%s/V%03d.sql", folder, version);
            final String sql = readResource(resource);
            if (sql != null) {
                return Optional.of(new Migration(version, resource, sql, Sha256.hex(sql)));
            }
        }
        return Optional.empty();
    }

    private String readResource(final String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new StoreException("cannot read " + resource, e);
        }
    }
}
