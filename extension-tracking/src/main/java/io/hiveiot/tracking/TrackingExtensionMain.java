package io.hiveiot.tracking;

import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.lifecycle.ExtensionLifecycle;
import io.hiveiot.kit.lifecycle.Startup;
import io.hiveiot.tracking.config.TrackingConfig;
import io.hiveiot.tracking.config.TrackingConfigReader;
import io.hiveiot.tracking.group.ConnectedAccounts;
import io.hiveiot.tracking.group.Families;
import io.hiveiot.tracking.group.GroupMetrics;
import io.hiveiot.tracking.group.GroupStore;
import io.hiveiot.tracking.group.HandedOverSubscriptions;
import io.hiveiot.tracking.service.GroupOps;
import io.hiveiot.tracking.service.TrackingService;
import io.hiveiot.tracking.tracker.PositionHistory;
import io.hiveiot.tracking.tracker.TrackerCommands;
import io.hiveiot.tracking.tracker.TrackerConnections;
import io.hiveiot.tracking.tracker.TrackerMessageParser;
import io.hiveiot.tracking.tracker.TrackerMetrics;
import io.hiveiot.tracking.tracker.TrackerPublisher;
import io.hiveiot.tracking.tracker.TrackerRegistry;
import io.hiveiot.tracking.tracker.TrackerStore;
import io.hiveiot.tracking.tracker.TrackingTopics;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Wires hive-iot-tracking: the iotBind tracking protocol, group topics and the {@code tracking} service, over
 * tracking.db. If it does not start, tracking publishes are refused by authorization instead of being routed.
 */
public final class TrackingExtensionMain extends ExtensionLifecycle {

    static final String METRIC_PREFIX = "hive-iot.tracking.";

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public TrackingExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public TrackingExtensionMain(final Path extensionHome) {
        super("hive-iot-tracking", METRIC_PREFIX, extensionHome);
    }

    @Override
    protected String start(final Startup startup) throws ConfigException {
        final TrackingConfig config = TrackingConfigReader.read(startup.configFile());
        final Database database = startup.openDatabase("tracking", config.database());
        final Notifications notifications = startup.notifications(database);
        final Clock clock = Clock.systemUTC();
        final var trackerMetrics = new TrackerMetrics(startup.metrics(), METRIC_PREFIX);
        final var store = new TrackerStore(database, notifications);
        // Before any client can report: nothing is connected to this node yet, whatever the database says.
        startup.await(store.disconnectStoppedNodes());
        if (notifications.shared()) {
            final long sweep = Notifications.DEAD_NODE_SWEEP.toMillis();
            startup.timer("node-sweep")
                    .scheduleWithFixedDelay(store::disconnectStoppedNodes, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        final var groupMetrics = new GroupMetrics(startup.metrics(), METRIC_PREFIX);
        final var accounts = new ConnectedAccounts();
        final var families = new Families(new HandedOverSubscriptions(accounts, groupMetrics));
        final var groups = new GroupStore(database, families, notifications);
        startup.await(groups.load(config.families()));
        final var connections = new TrackerConnections(store);
        final var commands =
                new TrackerCommands(store, new TrackerPublisher(trackerMetrics), connections, trackerMetrics, clock);
        final var history = new PositionHistory(database);
        final var service = startup.serve(TrackingService.create(
                new TrackerRegistry(database, clock),
                history,
                new GroupOps(families, groups, config.trackingTopicPrefix(), clock)));
        Services.eventRegistry().setClientLifecycleEventListener(new ClosedConnections(connections, accounts));
        Services.initializerRegistry()
                .setClientInitializer(new TrackingClients(
                        new TrackingTopics(config.trackingTopicPrefix()),
                        new TrackerMessageParser(config.maxValueLength()),
                        commands,
                        families,
                        accounts,
                        service,
                        trackerMetrics,
                        groupMetrics,
                        startup.committedAnswer(config.asyncTimeout()),
                        config.identityFallback()));
        HistoryPurgeSchedule.start(startup.timer("history-purge"), history, config.history(), clock);
        return "with " + database.name() + ", tracking topics " + config.trackingTopicPrefix() + "/#, "
                + families.all().size() + " group families"
                + (config.identityFallback() ? " (identity fallback on)" : "");
    }
}
