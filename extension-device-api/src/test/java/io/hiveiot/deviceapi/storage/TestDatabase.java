package io.hiveiot.deviceapi.storage;

import io.hiveiot.deviceapi.DeviceDataDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import io.hiveiot.testkit.PostgresServer;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real device-data database for a test: a device-data.db file in the test's temporary folder or, in a PostgreSQL
 * test run, a database of its own on the test server (the same one for every open of the folder); and helpers to
 * wait for the stores' futures.
 */
public final class TestDatabase {

    private static final Map<Path, String> URLS = new ConcurrentHashMap<>();
    private static final Pattern MIGRATION = Pattern.compile("db/device-data/(?:postgresql/)?V(\\d+)\\.sql");

    private TestDatabase() {}

    public static Database open(final Path folder) {
        return DeviceDataDatabase.open(settings(folder));
    }

    /** The settings of the folder's database, for tests that open it several times at once, as broker nodes do. */
    public static DatabaseSettings settings(final Path folder) {
        return DatabaseSettings.forUrl(URLS.computeIfAbsent(
                folder, any -> PostgresServer.newDatabaseOrFile(folder.resolve("device-data.db"))));
    }

    /**
     * Opens the folder's database migrated only up to {@code version}, as a previous release left it (the Java steps
     * of later versions are left out with them).
     */
    public static Database openAt(final Path folder, final int version) {
        final var upTo = new ClassLoader(TestDatabase.class.getClassLoader()) {
            @Override
            public URL getResource(final String name) {
                final Matcher migration = MIGRATION.matcher(name);
                return migration.matches() && Integer.parseInt(migration.group(1)) > version
                        ? null
                        : super.getResource(name);
            }
        };
        return Database.open(DeviceDataDatabase.NAME, settings(folder), upTo);
    }

    /** Whether this run's databases are PostgreSQL's. */
    public static boolean postgres() {
        return PostgresServer.selected();
    }

    /** The tables of the current schema, as {@link #tables} lists them. */
    public static final List<String> TABLES = List.of(
            "attribute",
            "bucket",
            "bucket_record",
            "device_node",
            "rpc",
            "rpc_sequence",
            "series",
            "ts_chunk",
            "ts_ingest",
            "ts_latest");

    /** The database's tables, by name, without the migration history and the engine's or the kit's own. */
    public static List<String> tables(final Database database) {
        final String query = postgres()
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
        return await(database.read(dsl -> dsl.fetch(query).getValues(0, String.class))).stream()
                .filter(table -> !List.of("schema_migrations", "sqlite_sequence", "hive_iot_node")
                        .contains(table))
                .sorted()
                .toList();
    }

    /** The future's value; its failure's cause is rethrown as is, so tests can assert on it. */
    public static <T> T await(final CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (final InterruptedException | TimeoutException e) {
            throw new AssertionError("the store did not answer", e);
        }
    }

    /**
     * The engine's plan for the query exactly as it is sent, bind parameters included, one line per step. On
     * PostgreSQL, sequential scans are priced out, as they would be on a table of many rows: whatever index the query
     * can use, it does.
     */
    public static List<String> queryPlan(final DSLContext dsl, final Query query) {
        if (!postgres()) {
            return dsl.fetch(
                            "EXPLAIN QUERY PLAN " + dsl.render(query),
                            query.getBindValues().toArray())
                    .getValues("detail", String.class);
        }
        return dsl.transactionResult(configuration -> {
            final DSLContext transaction = DSL.using(configuration);
            transaction.execute("SET LOCAL enable_seqscan = off");
            return transaction
                    .fetch(
                            "EXPLAIN " + transaction.render(query),
                            query.getBindValues().toArray())
                    .getValues(0, String.class);
        });
    }
}
