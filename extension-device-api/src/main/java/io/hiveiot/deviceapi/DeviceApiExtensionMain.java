package io.hiveiot.deviceapi;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.deviceapi.attributes.AttributeStore;
import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.bucket.BucketRecorder;
import io.hiveiot.deviceapi.bucket.BucketRetention;
import io.hiveiot.deviceapi.bucket.BucketStore;
import io.hiveiot.deviceapi.bucket.Buckets;
import io.hiveiot.deviceapi.config.DeviceApiConfig;
import io.hiveiot.deviceapi.config.DeviceApiConfigReader;
import io.hiveiot.deviceapi.device.DeviceApiMetrics;
import io.hiveiot.deviceapi.device.DeviceEvents;
import io.hiveiot.deviceapi.device.DeviceTopics;
import io.hiveiot.deviceapi.retention.Retention;
import io.hiveiot.deviceapi.rpc.ClientRpc;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.rpc.RpcStore;
import io.hiveiot.deviceapi.rpc.ServerRpc;
import io.hiveiot.deviceapi.service.DevicesService;
import io.hiveiot.deviceapi.session.DeviceSessions;
import io.hiveiot.deviceapi.session.SessionEnd;
import io.hiveiot.deviceapi.telemetry.TelemetryStore;
import io.hiveiot.kit.api.ApiRequestInterceptor;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.ExtensionFolders;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Wires hive-iot-device-api: reads the config, opens device-data.db, registers the device interceptors and
 * schedules the retention purge. Any start problem is one ERROR line and {@code preventExtensionStartup}: the
 * extension never runs half-started, and without it devices' publishes on {@code v1/devices/me/...} are refused
 * by authorization instead of being routed.
 */
public final class DeviceApiExtensionMain implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(DeviceApiExtensionMain.class);

    private final Path extensionHomeOverride;
    private Database database;
    private TelemetryStore telemetry;
    private DeviceEvents events;
    private RetentionSchedule retention;
    private ScheduledExecutorService rpcTimer;

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public DeviceApiExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public DeviceApiExtensionMain(final Path extensionHome) {
        this.extensionHomeOverride = extensionHome;
    }

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        try {
            final DeviceApiConfig config = DeviceApiConfigReader.read(
                    ExtensionFolders.configFile(input, extensionHomeOverride));
            final Path dataFolder = ExtensionFolders.dataFolder(input);
            database = DeviceDataDatabase.open(config.database().settings(dataFolder, DeviceDataDatabase.FILE_NAME));
            final Clock clock = Clock.systemUTC();
            final MetricRegistry registry = Services.metricRegistry();
            final var metrics = new DeviceApiMetrics(registry);
            final Database db = database;
            registry.gauge(DeviceApiMetrics.PREFIX + "db.queued-writes", () -> (Gauge<Integer>) db::queuedWrites);
            final var streamSubscriptions = StreamSubscriptions.start();
            events = new DeviceEvents(metrics, streamSubscriptions);
            rpcTimer = ExtensionTimer.start("hive-iot-device-api-rpc");
            final var sessions = new DeviceSessions();
            final var attributes = new AttributeStore(database, clock);
            telemetry = new TelemetryStore(database, config.telemetry());
            final TelemetryStore store = telemetry;
            final String telemetryPrefix = DeviceApiMetrics.PREFIX + "telemetry.";
            registry.gauge(telemetryPrefix + "head-points", () -> (Gauge<Long>) store::headPoints);
            registry.gauge(telemetryPrefix + "chunks-sealed", () -> (Gauge<Long>) store::chunksSealed);
            registry.gauge(telemetryPrefix + "chunks-merged", () -> (Gauge<Long>) store::chunksMerged);
            final var serverRpc = new ServerRpc(new RpcStore(database, clock), sessions, events, rpcTimer, clock);
            final RpcSettings rpcSettings = config.rpc();
            final var clientRpc = new ClientRpc(events, rpcTimer, rpcSettings.clientSideTimeout(),
                    sessionLimits(rpcSettings));
            final var buckets = new Buckets(config.buckets(), new BucketStore(database));
            final var topics = DeviceTopics.of(config.limits(), telemetry, attributes, serverRpc, clientRpc, events,
                    metrics);
            final var devicesService = new ApiRequestInterceptor(new DevicesService(attributes, telemetry, serverRpc,
                    clientRpc, buckets, sessions, events, config.limits(), rpcSettings, clock), registry,
                    DeviceApiMetrics.PREFIX + "api.devices.");
            final var bucketsRecorded = registry.counter(DeviceApiMetrics.PREFIX + "buckets.recorded");
            final var bucketsRefused = registry.counter(DeviceApiMetrics.PREFIX + "buckets.refused");
            final Function<String, Optional<PublishInboundInterceptor>> recorders = account -> {
                final List<Bucket> ofAccount = buckets.ofAccount(account);
                return ofAccount.isEmpty() ? Optional.empty() : Optional.of(new BucketRecorder(ofAccount,
                        buckets.store(), config.limits().maxValueLength(), config.asyncTimeout(), clock,
                        bucketsRecorded, bucketsRefused));
            };
            final var sessionEnd = new SessionEnd(sessions, clientRpc::deviceGone);
            Services.eventRegistry().setClientLifecycleEventListener(client -> sessionEnd);
            Services.initializerRegistry().setClientInitializer(new DeviceClients(topics, metrics,
                    config.asyncTimeout(), config.identityFallback(), clock,
                    new DeviceClients.DeviceSide(sessions, serverRpc, rpcSettings.defaultTimeout(), recorders),
                    devicesService, streamSubscriptions));
            rpcTimer.scheduleWithFixedDelay(serverRpc::expire, 1, 1, TimeUnit.SECONDS);
            retention = RetentionSchedule.start(new Retention(database, config.retention(), clock),
                    new BucketRetention(buckets, config.bucketMaxAge(), config.retention().batchSize(), clock),
                    config.purgeInterval());
            log.info("hive-iot-device-api: started with {}{}", database.name(),
                    config.identityFallback() ? " (identity fallback on)" : "");
        } catch (final ConfigException e) {
            fail(output, e.getMessage());
        } catch (final StoreException e) {
            fail(output, DeviceDataDatabase.FILE_NAME + ": " + e.getMessage());
        } catch (final RuntimeException e) {
            log.error("hive-iot-device-api: start failed", e);
            fail(output, "start failed: " + e);
        }
    }

    /** ThingsBoard's answer shape; hive-iot has no per-device rate limits, so {@code rateLimits} is empty. */
    private static ObjectNode sessionLimits(final RpcSettings settings) {
        final ObjectNode limits = JsonNodeFactory.instance.objectNode()
                .put("maxPayloadSize", settings.maxPayloadSize())
                .put("maxInflightMessages", settings.maxInflightMessages());
        limits.putObject("rateLimits");
        return limits;
    }

    private void fail(final ExtensionStartOutput output, final String problem) {
        log.error("hive-iot-device-api: not started: {}", problem);
        output.preventExtensionStartup(problem);
        releaseResources();
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        Services.metricRegistry().removeMatching((name, metric) -> name.startsWith(DeviceApiMetrics.PREFIX));
        releaseResources();
    }

    private void releaseResources() {
        if (retention != null) {
            retention.close();
            retention = null;
        }
        if (rpcTimer != null) {
            rpcTimer.shutdownNow();
            rpcTimer = null;
        }
        if (telemetry != null) {
            telemetry.close();
            telemetry = null;
        }
        if (database != null) {
            // Commits what is queued: those publishes are waiting for their acknowledgement.
            database.close();
            database = null;
        }
        if (events != null) {
            events.close();
            events = null;
        }
    }
}
