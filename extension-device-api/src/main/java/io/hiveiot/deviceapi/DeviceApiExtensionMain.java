package io.hiveiot.deviceapi;

import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.bucket.BucketRecorders;
import io.hiveiot.deviceapi.bucket.BucketRetention;
import io.hiveiot.deviceapi.bucket.Buckets;
import io.hiveiot.deviceapi.config.DeviceApiConfig;
import io.hiveiot.deviceapi.config.DeviceApiConfigReader;
import io.hiveiot.deviceapi.device.DeviceApiMetrics;
import io.hiveiot.deviceapi.device.DeviceEvents;
import io.hiveiot.deviceapi.device.DeviceTopics;
import io.hiveiot.deviceapi.downlink.Downlinks;
import io.hiveiot.deviceapi.protobuf.ProtoDownlinks;
import io.hiveiot.deviceapi.protobuf.ProtoPayloads;
import io.hiveiot.deviceapi.protobuf.Schemas;
import io.hiveiot.deviceapi.retention.Retention;
import io.hiveiot.deviceapi.route.DeviceLocations;
import io.hiveiot.deviceapi.route.NodeCalls;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.RpcStore;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.service.DevicesService;
import io.hiveiot.deviceapi.session.DeviceRoutes;
import io.hiveiot.deviceapi.session.DeviceSession;
import io.hiveiot.deviceapi.session.SessionEnd;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.lifecycle.ExtensionLifecycle;
import io.hiveiot.kit.lifecycle.Startup;
import io.hiveiot.kit.session.DeviceConnections;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires hive-iot-device-api: the ThingsBoard device API and the {@code devices} service over device-data.db. If
 * it does not start, devices' publishes on {@code v1/devices/me/...} are refused by authorization instead of being
 * routed.
 */
public final class DeviceApiExtensionMain extends ExtensionLifecycle {

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public DeviceApiExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public DeviceApiExtensionMain(final Path extensionHome) {
        super("hive-iot-device-api", DeviceApiMetrics.PREFIX, extensionHome);
    }

    @Override
    protected String start(final Startup startup) throws ConfigException {
        final DeviceApiConfig config = DeviceApiConfigReader.read(startup.configFile());
        final Clock clock = Clock.systemUTC();
        final var metrics = new DeviceApiMetrics(startup.metrics());
        final var streamSubscriptions = StreamSubscriptions.start();
        // Kept before the database, so that it closes after the last commit has published its events.
        final var events = startup.keep(new DeviceEvents(metrics, streamSubscriptions));
        final Database database =
                startup.openDatabase(DeviceDataDatabase.NAME, config.database(), DeviceDataDatabase.migrationSteps());
        final Notifications notifications = startup.notifications(database);
        final var locations = new DeviceLocations(database, notifications);
        startup.await(locations.forgetStoppedNodes());
        final ScheduledExecutorService rpcTimer = startup.timer("rpc");
        final var routes = new DeviceRoutes(new DeviceConnections<>("device-api", DeviceSession::connection));
        final var attributes = new AttributeStore(database, clock);
        final var telemetry = startup.keep(new TelemetryStore(database, config.telemetry(), notifications));
        startup.gauge("telemetry.head-points", telemetry::headPoints);
        startup.gauge("telemetry.chunks-sealed", telemetry::chunksSealed);
        startup.gauge("telemetry.chunks-merged", telemetry::chunksMerged);
        final var protobuf = new ProtoPayloads(new Schemas(), config.limits());
        final var protobufAnswers = new ProtoDownlinks(protobuf, clock);
        final var downlinks = new Downlinks(protobufAnswers);
        final var serverRpc = new ServerRpc(
                new RpcStore(database, clock),
                routes,
                downlinks,
                events,
                rpcTimer,
                clock,
                config.rpc().defaultTimeout().toMillis());
        startup.await(serverRpc.loadQueued());
        final var clientRpc = new ClientRpc(events, rpcTimer, config.rpc(), protobufAnswers);
        final var buckets = startup.await(Buckets.load(config.buckets(), database, clock));
        final var committed = startup.committedAnswer(config.asyncTimeout());
        final var topics = DeviceTopics.of(
                config.limits(),
                telemetry,
                attributes,
                serverRpc,
                clientRpc,
                events,
                metrics,
                protobuf,
                protobufAnswers,
                routes,
                locations);
        final var devicesService = startup.serve(DevicesService.create(
                attributes,
                telemetry,
                serverRpc,
                clientRpc,
                buckets,
                routes,
                downlinks,
                events,
                config.limits(),
                config.rpc(),
                new DevicesService.BucketSettings(
                        config.bucketMaxAge(), config.retention().batchSize()),
                clock,
                locations,
                new NodeCalls(notifications, rpcTimer)));
        final var recorders = new BucketRecorders(
                buckets, config.limits().maxValueLength(), committed, clock, startup.metrics(), startup.metricPrefix());
        final var sessionEnd = new SessionEnd(routes, deviceId -> {
            clientRpc.deviceGone(deviceId);
            locations.gone(deviceId);
        });
        Services.eventRegistry().setClientLifecycleEventListener(client -> sessionEnd);
        Services.initializerRegistry()
                .setClientInitializer(new DeviceClients(
                        topics,
                        metrics,
                        committed,
                        config.identityFallback(),
                        clock,
                        new DeviceClients.DeviceSide(routes, locations, serverRpc, recorders),
                        devicesService,
                        streamSubscriptions));
        rpcTimer.scheduleWithFixedDelay(serverRpc::expire, 1, 1, TimeUnit.SECONDS);
        if (notifications.shared()) {
            final long sweep = Notifications.DEAD_NODE_SWEEP.toMillis();
            rpcTimer.scheduleWithFixedDelay(locations::forgetStoppedNodes, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        RetentionSchedule.start(
                startup.timer("retention"),
                new Retention(database, config.retention(), clock),
                new BucketRetention(
                        buckets, config.bucketMaxAge(), config.retention().batchSize(), clock),
                config.purgeInterval());
        return "with " + database.name() + (config.identityFallback() ? " (identity fallback on)" : "");
    }
}
