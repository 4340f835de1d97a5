package io.hiveiot.kit.database;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One extension's SQLite database: migrated at open, written by its {@link SingleWriter}, read
 * through its {@link ReadPool}. Each database file has exactly one owning extension (two copies of
 * SQLite in one process writing the same file corrupt it), and that extension holds exactly one
 * {@code Database} for it.
 */
public final class Database implements AutoCloseable {

    static {
        // jOOQ prints a banner and a tip at first use; the broker's log is not the place for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final String name;
    private final SingleWriter writer;
    private final ReadPool reader;
    private final List<Integer> appliedMigrations;

    private Database(final String name, final SingleWriter writer, final ReadPool reader,
                     final List<Integer> appliedMigrations) {
        this.name = name;
        this.writer = writer;
        this.reader = reader;
        this.appliedMigrations = appliedMigrations;
    }

    /**
     * Opens (creating when missing) and migrates a database.
     *
     * @param name       a short name for thread names and messages, e.g. {@code auth.db}
     * @param migrations the owning extension's migrations
     * @throws StoreException when the file cannot be opened or migrated
     */
    public static Database open(final String name, final DatabaseSettings settings, final Migrations migrations) {
        final SQLiteDataSource dataSource = SqliteDataSourceFactory.create(settings);
        Connection writeConnection = null;
        try {
            writeConnection = dataSource.getConnection();
            final List<Integer> applied = migrations.apply(writeConnection);
            final var writer = new SingleWriter(name, writeConnection, dsl(writeConnection),
                    settings.writerQueueCapacity(), settings.maxBatch());
            final var reader = new ReadPool(name, dataSource, Database::dsl, settings.readThreads(),
                    settings.readQueueCapacity());
            return new Database(name, writer, reader, applied);
        } catch (final SQLException | RuntimeException e) {
            closeQuietly(writeConnection);
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("cannot open " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static DSLContext dsl(final Connection connection) {
        return DSL.using(connection, SQLDialect.SQLITE, new Settings().withExecuteLogging(false));
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

    public String name() {
        return name;
    }

    /** Writes waiting for the writer thread. */
    public int queuedWrites() {
        return writer.queued();
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
