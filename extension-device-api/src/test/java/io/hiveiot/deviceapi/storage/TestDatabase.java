package io.hiveiot.deviceapi.storage;

import io.hiveiot.deviceapi.DeviceDataDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.DatabaseSettings;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real device-data.db file in a test's temporary folder, and helpers to wait for the stores' futures. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Database open(final Path folder) {
        return DeviceDataDatabase.open(DatabaseSettings.forFile(folder.resolve("device-data.db")));
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

    /** SQLite's plan for the query exactly as it is sent, bind parameters included, one line per step. */
    public static List<String> queryPlan(final DSLContext dsl, final Query query) {
        return dsl.fetch("EXPLAIN QUERY PLAN " + dsl.render(query), query.getBindValues().toArray())
                .getValues("detail", String.class);
    }
}
