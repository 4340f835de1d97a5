package io.hiveiot.tracking;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.kit.api.ApiRequestInterceptor;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.ExtensionFolders;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StoreException;
import io.hiveiot.tracking.config.TrackingConfig;
import io.hiveiot.tracking.config.TrackingConfigReader;
import io.hiveiot.tracking.group.Families;
import io.hiveiot.tracking.group.GroupStore;
import io.hiveiot.tracking.service.GroupOps;
import io.hiveiot.tracking.service.TrackingService;
import io.hiveiot.tracking.storage.TrackingDatabase;
import io.hiveiot.tracking.tracker.PositionHistory;
import io.hiveiot.tracking.tracker.TrackerCommands;
import io.hiveiot.tracking.tracker.TrackerConnections;
import io.hiveiot.tracking.tracker.TrackerMessageParser;
import io.hiveiot.tracking.tracker.TrackerPublisher;
import io.hiveiot.tracking.tracker.TrackerRegistry;
import io.hiveiot.tracking.tracker.TrackerStore;
import io.hiveiot.tracking.tracker.TrackingTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wires hive-iot-tracking: reads the config, opens tracking.db, loads the group families, registers the
 * interceptors, the connection-status listener and the {@code tracking} service, and schedules the history
 * purge. Any start problem is one ERROR line and {@code preventExtensionStartup}: the extension never runs
 * half-started, and without it tracking publishes are refused by authorization instead of being routed.
 */
public final class TrackingExtensionMain implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(TrackingExtensionMain.class);

    private final Path extensionHomeOverride;
    private Database database;
    private HistoryPurgeSchedule purge;

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public TrackingExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public TrackingExtensionMain(final Path extensionHome) {
        this.extensionHomeOverride = extensionHome;
    }

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        try {
            final TrackingConfig config = TrackingConfigReader.read(
                    ExtensionFolders.configFile(input, extensionHomeOverride));
            database = TrackingDatabase.open(config.database().settings(ExtensionFolders.dataFolder(input),
                    TrackingDatabase.FILE_NAME));
            final Clock clock = Clock.systemUTC();
            final MetricRegistry registry = Services.metricRegistry();
            final var metrics = new TrackingMetrics(registry);
            final Database db = database;
            registry.gauge(TrackingMetrics.PREFIX + "db.queued-writes", () -> (Gauge<Integer>) db::queuedWrites);

            final var store = new TrackerStore(database);
            // Before any client can report: whatever the file says, nothing is connected yet.
            await(store.disconnectAll());
            final var families = new Families();
            final var groups = new GroupStore(database, families);
            await(groups.load(config.families()));

            final var connections = new TrackerConnections(store);
            final var commands = new TrackerCommands(store, new TrackerPublisher(metrics), connections, metrics,
                    clock);
            final var history = new PositionHistory(database);
            final var service = new TrackingService(new TrackerRegistry(database, clock), history,
                    new GroupOps(families, groups, config.trackingTopicPrefix(), clock));
            final var serviceRequests = new ApiRequestInterceptor(service, registry,
                    TrackingMetrics.PREFIX + "api.tracking.");
            Services.eventRegistry().setClientLifecycleEventListener(connections);
            Services.initializerRegistry().setClientInitializer(new TrackingClients(
                    new TrackingTopics(config.trackingTopicPrefix()),
                    new TrackerMessageParser(config.maxValueLength()), commands, families, serviceRequests, metrics,
                    config.asyncTimeout(), config.identityFallback()));
            purge = HistoryPurgeSchedule.start(history, config.history(), clock);
            log.info("hive-iot-tracking: started with {}, tracking topics {}/#, {} group families{}", database.name(),
                    config.trackingTopicPrefix(), families.all().size(),
                    config.identityFallback() ? " (identity fallback on)" : "");
        } catch (final ConfigException e) {
            fail(output, e.getMessage());
        } catch (final StoreException e) {
            fail(output, TrackingDatabase.FILE_NAME + ": " + e.getMessage());
        } catch (final RuntimeException e) {
            log.error("hive-iot-tracking: start failed", e);
            fail(output, "start failed: " + e);
        }
    }

    /** Start-up waits for its database work: the broker accepts no client before extensions have started. */
    private static <T> T await(final CompletableFuture<T> work) {
        try {
            return work.get(1, TimeUnit.MINUTES);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while opening " + TrackingDatabase.FILE_NAME, e);
        } catch (final ExecutionException e) {
            throw e.getCause() instanceof StoreException store ? store
                    : new StoreException(String.valueOf(e.getCause()), e.getCause());
        } catch (final TimeoutException e) {
            throw new StoreException("no answer within a minute", e);
        }
    }

    private void fail(final ExtensionStartOutput output, final String problem) {
        log.error("hive-iot-tracking: not started: {}", problem);
        output.preventExtensionStartup(problem);
        releaseResources();
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        Services.metricRegistry().removeMatching((name, metric) -> name.startsWith(TrackingMetrics.PREFIX));
        releaseResources();
    }

    private void releaseResources() {
        if (purge != null) {
            purge.close();
            purge = null;
        }
        if (database != null) {
            // Commits what is queued: those messages are waiting for their acknowledgement.
            database.close();
            database = null;
        }
    }
}
