package io.hiveiot.firmware;

import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.firmware.api.FirmwareService;
import io.hiveiot.firmware.assign.AssignmentChanges;
import io.hiveiot.firmware.assign.AssignmentMirror;
import io.hiveiot.firmware.assign.AssignmentStore;
import io.hiveiot.firmware.assign.DeviceSessions;
import io.hiveiot.firmware.assign.GatewaySubDevices;
import io.hiveiot.firmware.assign.SessionListener;
import io.hiveiot.firmware.chunk.ChunkServer;
import io.hiveiot.firmware.chunk.ClientPacketLimit;
import io.hiveiot.firmware.chunk.PackageBytes;
import io.hiveiot.firmware.chunk.PackageDeletions;
import io.hiveiot.firmware.config.FirmwareConfig;
import io.hiveiot.firmware.config.FirmwareConfigReader;
import io.hiveiot.firmware.device.FirmwareMetrics;
import io.hiveiot.firmware.pkg.PackageStore;
import io.hiveiot.firmware.pkg.Uploads;
import io.hiveiot.firmware.rollout.FirmwareEvents;
import io.hiveiot.firmware.rollout.RolloutStore;
import io.hiveiot.firmware.rollout.StatusReader;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.lifecycle.ExtensionLifecycle;
import io.hiveiot.kit.lifecycle.Startup;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires hive-iot-firmware: ThingsBoard's firmware and software updates over MQTT and the {@code firmware} service,
 * over firmware.db. If it does not start, devices' {@code v2/fw/...} requests are refused by authorization instead
 * of being routed.
 */
public final class FirmwareExtensionMain extends ExtensionLifecycle {

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public FirmwareExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public FirmwareExtensionMain(final Path extensionHome) {
        super("hive-iot-firmware", FirmwareMetrics.PREFIX, extensionHome);
    }

    @Override
    protected String start(final Startup startup) throws ConfigException {
        final FirmwareConfig config = FirmwareConfigReader.read(startup.configFile());
        final Database database = startup.openDatabase("firmware", config.database());
        final Notifications notifications = startup.notifications(database);
        final Clock clock = Clock.systemUTC();
        final var metrics = new FirmwareMetrics(startup.metrics());
        final var packages = new PackageStore(database);
        final var bytes = new PackageBytes(packages, config.cacheMaxBytes());
        final var assignments = new AssignmentStore(database, clock);
        final var mirror = new AssignmentMirror(assignments, metrics.assignmentReads);
        final var events = new FirmwareEvents();
        final var sessions = new DeviceSessions(mirror, new GatewaySubDevices(mirror));
        final var changes = new AssignmentChanges(mirror, sessions, notifications);
        startup.gauge("chunks.cache-bytes", bytes::weightedSize);
        startup.gauge("assignments.devices", mirror::devices);
        startup.gauge("sessions.devices", sessions::connectedDevices);
        startup.gauge("sessions.sub-devices", sessions.subDevices()::count);
        final var service = startup.serve(FirmwareService.create(
                new Uploads(database, clock, config.maxPackageSize(), config.uploadExpiry()),
                packages,
                assignments,
                new StatusReader(database),
                changes,
                new PackageDeletions(bytes, notifications),
                events,
                clock));
        final var packetLimits = new ClientPacketLimit();
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> packetLimits);
        final var sessionListener = new SessionListener(sessions);
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> sessionListener);
        Services.initializerRegistry()
                .setClientInitializer(new FirmwareClients(
                        sessions,
                        new ChunkServer(mirror, bytes, config.maxChunkSize()),
                        new RolloutStore(database, clock),
                        events,
                        metrics,
                        service,
                        startup.committedAnswer(config.asyncTimeout()),
                        config.identityFallback()));
        return "with " + database.name() + (config.identityFallback() ? " (identity fallback on)" : "");
    }
}
