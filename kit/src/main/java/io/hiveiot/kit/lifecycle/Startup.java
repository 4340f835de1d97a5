package io.hiveiot.kit.lifecycle;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.kit.api.ApiRequestInterceptor;
import io.hiveiot.kit.api.ApiService;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.InstallationDatabase;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.MigrationStep;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.database.StoreException;
import io.hiveiot.kit.health.Readiness;
import io.hiveiot.kit.publish.AnswerMetrics;
import io.hiveiot.kit.publish.CommittedAnswer;
import io.hiveiot.kit.publish.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an extension's start works with: its configuration file, its data folder, and the resources every
 * extension opens the same way. Whatever is opened here is closed when the extension stops, or when its start
 * fails, in the reverse order of opening.
 */
public final class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private static final Duration STARTUP_WORK_LIMIT = Duration.ofMinutes(1);

    private final String extensionId;
    private final String metricPrefix;
    private final Path configFile;
    private final Path dataFolder;
    private final ClassLoader extensionLoader;
    private final Resources resources;
    private Database database;

    Startup(
            final String extensionId,
            final String metricPrefix,
            final Path configFile,
            final Path dataFolder,
            final ClassLoader extensionLoader,
            final Resources resources) {
        this.extensionId = extensionId;
        this.metricPrefix = metricPrefix;
        this.configFile = configFile;
        this.dataFolder = dataFolder;
        this.extensionLoader = extensionLoader;
        this.resources = resources;
    }

    /** {@code conf/config.xml} of the extension; it may be missing, which means every default. */
    public Path configFile() {
        return configFile;
    }

    /** {@code <HiveMQ data folder>/hive-iot}, where the databases live unless configured elsewhere. */
    public Path dataFolder() {
        return dataFolder;
    }

    /** HiveMQ's metric registry, which HiveMQ's Prometheus and JMX exporters read. */
    public MetricRegistry metrics() {
        return Services.metricRegistry();
    }

    /** The extension's metric prefix, e.g. {@code hive-iot.device-api.}; its metrics are removed at stop. */
    public String metricPrefix() {
        return metricPrefix;
    }

    /** Registers a gauge under the extension's prefix. */
    public <T> void gauge(final String name, final Gauge<T> gauge) {
        metrics().gauge(metricPrefix + name, () -> gauge);
    }

    /** Closes {@code resource} when the extension stops (before whatever was opened earlier). */
    public <T extends AutoCloseable> T keep(final T resource) {
        return resources.keep(resource);
    }

    /**
     * Opens (creating and migrating when needed) the database this extension owns: the URL {@code config} names,
     * else the installation's database ({@link InstallationDatabase}), else the SQLite file {@code <name>.db} in
     * the data folder; with the migrations of its engine on the extension's class path. It closes at stop after
     * everything opened later, committing the writes still queued: those publishes are waiting for their
     * acknowledgement.
     *
     * @throws StoreException naming the database when it cannot be opened or migrated
     */
    public Database openDatabase(final String name, final DatabaseConfig config) {
        return openDatabase(name, config, Map.of());
    }

    /** As {@link #openDatabase(String, DatabaseConfig)}, with Java steps after the SQL of the versions named. */
    public Database openDatabase(
            final String name, final DatabaseConfig config, final Map<Integer, MigrationStep> steps) {
        if (database != null) {
            throw new IllegalStateException("an extension owns one database; " + database.name() + " is open");
        }
        database = keep(Database.open(
                name,
                config.settings(dataFolder, name, InstallationDatabase.fromEnvironment()),
                extensionLoader,
                steps));
        gauge("db.queued-writes", database::queuedWrites);
        log.info(
                "{}: {} database at {}",
                extensionId,
                database.engine().name().toLowerCase(Locale.ROOT),
                database.location());
        return database;
    }

    /**
     * Messages between the broker nodes that share {@code database} (on SQLite, a single node), closed at stop
     * before the database.
     *
     * @throws StoreException when the database's server cannot be listened to
     */
    public Notifications notifications(final Database database) {
        return keep(Notifications.open(database));
    }

    /**
     * The last step of a successful start: the extension's readiness gauge, from probes of its database (an
     * extension without one has none).
     */
    void started() {
        if (database != null) {
            keep(Readiness.register(metrics(), metricPrefix, database));
        }
    }

    /**
     * A timer thread of the extension's own, stopped at stop. A task scheduled on HiveMQ's managed executor would
     * hold back the broker's shutdown until it was due.
     */
    public ScheduledExecutorService timer(final String purpose) {
        final var timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            final var thread = new Thread(runnable, extensionId + "-" + purpose);
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled task (an answered RPC's timeout) would otherwise stay queued until due.
        timer.setRemoveOnCancelPolicy(true);
        keep(timer::shutdownNow);
        return timer;
    }

    /** The committed answer of the extension's consuming interceptors, counted under its prefix. */
    public CommittedAnswer committedAnswer(final Duration asyncTimeout) {
        return new CommittedAnswer(extensionId, asyncTimeout, new AnswerMetrics(metrics(), metricPrefix));
    }

    /** The interceptor that serves {@code service} to applications, counted under {@code <prefix>api.<name>.}. */
    public ApiRequestInterceptor serve(final ApiService service) {
        return new ApiRequestInterceptor(service, metrics(), metricPrefix + "api." + service.name() + ".");
    }

    /**
     * Waits for database work the start depends on. The broker accepts no client before its extensions have
     * started, so waiting here holds back no one.
     *
     * @throws StoreException when the work failed or took longer than a minute
     */
    public <T> T await(final CompletableFuture<T> work) {
        try {
            return work.get(STARTUP_WORK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while starting", e);
        } catch (final ExecutionException e) {
            final Throwable cause = Failures.cause(e);
            throw cause instanceof StoreException store ? store : new StoreException(String.valueOf(cause), cause);
        } catch (final TimeoutException e) {
            throw new StoreException("start-up work got no answer within a minute", e);
        }
    }
}
