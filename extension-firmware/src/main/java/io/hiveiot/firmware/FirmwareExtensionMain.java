package io.hiveiot.firmware;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.firmware.api.FirmwareRequests;
import io.hiveiot.firmware.api.FirmwareService;
import io.hiveiot.firmware.assign.AssignmentStore;
import io.hiveiot.firmware.assign.DeviceSessions;
import io.hiveiot.firmware.assign.SessionListener;
import io.hiveiot.firmware.chunk.ChunkServer;
import io.hiveiot.firmware.chunk.ClientPacketLimit;
import io.hiveiot.firmware.chunk.PackageBytes;
import io.hiveiot.firmware.config.FirmwareConfig;
import io.hiveiot.firmware.config.FirmwareConfigReader;
import io.hiveiot.firmware.device.FirmwareMetrics;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.Uploads;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.firmware.rollout.StatusReader;
import io.hiveiot.firmware.storage.FirmwareDatabase;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.ExtensionFolders;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires hive-iot-firmware: reads the config, opens firmware.db, and registers the per-role interceptors, the
 * session listener and the {@code firmware} service. Any start problem is one ERROR line and
 * {@code preventExtensionStartup}: the extension never runs half-started, and without it devices' requests on
 * {@code v2/fw/...} are refused by authorization instead of being routed.
 */
public final class FirmwareExtensionMain implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(FirmwareExtensionMain.class);

    private final Path extensionHomeOverride;
    private Database database;
    private DeviceSessions sessions;

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public FirmwareExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public FirmwareExtensionMain(final Path extensionHome) {
        this.extensionHomeOverride = extensionHome;
    }

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        try {
            final FirmwareConfig config = FirmwareConfigReader.read(
                    ExtensionFolders.configFile(input, extensionHomeOverride));
            database = FirmwareDatabase.open(config.database().settings(ExtensionFolders.dataFolder(input),
                    FirmwareDatabase.FILE_NAME));
            final Clock clock = Clock.systemUTC();
            final MetricRegistry registry = Services.metricRegistry();
            final var metrics = new FirmwareMetrics(registry);
            final var packages = new PackageStore(database);
            final var bytes = new PackageBytes(packages, config.cacheMaxBytes());
            final var assignments = new AssignmentStore(database, clock);
            final var events = new FirmwareEvents();
            sessions = new DeviceSessions();
            registerGauges(registry, database, bytes, sessions);
            final var service = new FirmwareService(
                    new Uploads(database, clock, config.maxPackageSize(), config.uploadExpiry()), packages,
                    assignments, new StatusReader(database), sessions, bytes, events, clock);
            final DeviceSessions tracked = sessions;
            final var packetLimits = new ClientPacketLimit();
            Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> packetLimits);
            Services.eventRegistry().setClientLifecycleEventListener(providerInput -> new SessionListener(tracked));
            Services.initializerRegistry().setClientInitializer(new FirmwareClients(sessions, assignments,
                    new ChunkServer(bytes, config.maxChunkSize()), new RolloutStore(database, clock), events, metrics,
                    FirmwareRequests.interceptor(service, registry), config.asyncTimeout(),
                    config.identityFallback()));
            log.info("hive-iot-firmware: started with {}{}", database.name(),
                    config.identityFallback() ? " (identity fallback on)" : "");
        } catch (final ConfigException e) {
            fail(output, e.getMessage());
        } catch (final StoreException e) {
            fail(output, FirmwareDatabase.FILE_NAME + ": " + e.getMessage());
        } catch (final RuntimeException e) {
            log.error("hive-iot-firmware: start failed", e);
            fail(output, "start failed: " + e);
        }
    }

    private static void registerGauges(final MetricRegistry registry, final Database db, final PackageBytes bytes,
                                       final DeviceSessions sessions) {
        registry.gauge(FirmwareMetrics.PREFIX + "db.queued-writes", () -> (Gauge<Integer>) db::queuedWrites);
        registry.gauge(FirmwareMetrics.PREFIX + "chunks.cache-bytes", () -> (Gauge<Long>) bytes::weightedSize);
        registry.gauge(FirmwareMetrics.PREFIX + "sessions.devices", () -> (Gauge<Integer>) sessions::connectedDevices);
    }

    private void fail(final ExtensionStartOutput output, final String problem) {
        log.error("hive-iot-firmware: not started: {}", problem);
        output.preventExtensionStartup(problem);
        releaseResources();
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        Services.metricRegistry().removeMatching((name, metric) -> name.startsWith(FirmwareMetrics.PREFIX));
        releaseResources();
    }

    private void releaseResources() {
        if (sessions != null) {
            sessions.clear();
            sessions = null;
        }
        if (database != null) {
            // Commits what is queued: those publishes are waiting for their acknowledgement.
            database.close();
            database = null;
        }
    }
}
