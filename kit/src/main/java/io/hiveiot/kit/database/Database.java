package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One extension's database, a SQLite file or a PostgreSQL schema: migrated at open, written by its
 * {@link SingleWriter}, read through its {@link ReadPool}. Each database has exactly one owning extension (two
 * copies of SQLite in one process writing the same file corrupt it), and that extension holds exactly one
 * {@code Database} for it.
 */
public final class Database implements AutoCloseable {

    static {
        // jOOQ prints a banner and a tip at first use; the broker's log is not the place for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final String name;
    private final Engine engine;
    private final Connections connections;
    private final SingleWriter writer;
    private final ReadPool reader;
    private final List<Integer> appliedMigrations;

    private Database(
            final String name,
            final Engine engine,
            final Connections connections,
            final SingleWriter writer,
            final ReadPool reader,
            final List<Integer> appliedMigrations) {
        this.name = name;
        this.engine = engine;
        this.connections = connections;
        this.writer = writer;
        this.reader = reader;
        this.appliedMigrations = appliedMigrations;
    }

    /**
     * Opens (creating when missing) and migrates the database {@code name} of an extension: the SQLite file or the
     * PostgreSQL schema the settings' URL names, with the migrations of its engine (see
     * {@link Engine#migrationsFolders}) on the extension's class path.
     *
     * @throws StoreException naming the database when it cannot be opened or migrated
     */
    public static Database open(final String name, final DatabaseSettings settings, final ClassLoader extension) {
        return open(name, settings, extension, Map.of());
    }

    /**
     * As {@link #open(String, DatabaseSettings, ClassLoader)}, with a {@link MigrationStep} in Java after the SQL of
     * each version that {@code steps} names.
     */
    public static Database open(
            final String name,
            final DatabaseSettings settings,
            final ClassLoader extension,
            final Map<Integer, MigrationStep> steps) {
        final Engine engine = settings.engine();
        final String label = engine == Engine.SQLITE ? name + ".db" : name;
        try {
            return open(
                    label,
                    engine,
                    settings,
                    new Migrations(
                            engine.migrationsFolders(name),
                            extension,
                            engine == Engine.POSTGRESQL ? Engine.schema(name) : null,
                            steps),
                    () -> engine == Engine.SQLITE
                            ? Connections.sqlite(SqliteDataSourceFactory.create(settings), settings.jdbcUrl())
                            : Connections.postgres(
                                    PostgresDataSource.open(name, settings), settings.safeUrl(), Engine.schema(name)));
        } catch (final StoreException e) {
            throw new StoreException(label + ": " + e.getMessage(), e);
        }
    }

    /** Opens the connections of a database; throws what the driver throws. */
    private interface ConnectionsOpener {
        Connections open() throws SQLException;
    }

    private static Database open(
            final String label,
            final Engine engine,
            final DatabaseSettings settings,
            final Migrations migrations,
            final ConnectionsOpener opener) {
        Connections connections = null;
        Connection writeConnection = null;
        try {
            connections = opener.open();
            writeConnection = connections.open();
            final List<Integer> applied = migrations.apply(writeConnection);
            final Function<Connection, DSLContext> dsl = connection -> dsl(connection, engine);
            final var writer = new SingleWriter(
                    label, connections, writeConnection, dsl, settings.writerQueueCapacity(), settings.maxBatch());
            final var reader =
                    new ReadPool(label, connections, dsl, settings.readThreads(), settings.readQueueCapacity());
            return new Database(label, engine, connections, writer, reader, applied);
        } catch (final SQLException | RuntimeException e) {
            closeQuietly(writeConnection);
            if (connections != null) {
                connections.close();
            }
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("cannot open " + settings.safeUrl() + ": " + e.getMessage(), e);
        }
    }

    private static DSLContext dsl(final Connection connection, final Engine engine) {
        return DSL.using(connection, engine.dialect(), new Settings().withExecuteLogging(false));
    }

    /** Queues a write for the writer thread; see {@link SingleWriter#submit}. */
    public <T> CompletableFuture<T> write(final Function<DSLContext, T> work) {
        return writer.submit(work);
    }

    /** Flushes {@code flush} once before every commit of the writer from now on; see {@link BatchFlush}. */
    public void addBatchFlush(final BatchFlush flush) {
        writer.addFlush(flush);
    }

    /** Runs a query on a read thread; see {@link ReadPool#read}. */
    public <T> CompletableFuture<T> read(final Function<DSLContext, T> query) {
        return reader.read(query);
    }

    /** The database's name in messages and thread names: {@code auth.db}, or {@code auth} on PostgreSQL. */
    public String name() {
        return name;
    }

    public Engine engine() {
        return engine;
    }

    /** Where the data is, for log lines: the file, or the PostgreSQL database and schema; never a password. */
    public String location() {
        return connections.location();
    }

    /** Where the connections come from, for {@link Notifications}' own. */
    Connections connections() {
        return connections;
    }

    /** Writes waiting for the writer thread. */
    public int queuedWrites() {
        return writer.queued();
    }

    /** No write waiting or running; see {@link SingleWriter#idle}. */
    public boolean writerIdle() {
        return writer.idle();
    }

    /** Commits that stored something; see {@link SingleWriter#commits}. */
    public long commits() {
        return writer.commits();
    }

    /** The migration versions this open applied (empty when the schema was current). */
    public List<Integer> appliedMigrations() {
        return appliedMigrations;
    }

    /** Finishes queued writes, then closes every connection. */
    @Override
    public void close() {
        reader.close();
        writer.close();
        connections.close();
    }

    private static void closeQuietly(final Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (final SQLException ignored) {
                // already failing: the original error is the one worth reporting
            }
        }
    }
}
