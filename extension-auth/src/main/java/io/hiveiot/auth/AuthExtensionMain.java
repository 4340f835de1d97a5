package io.hiveiot.auth;

import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.auth.acl.DefaultPermissions;
import io.hiveiot.auth.annotation.DeviceDirectory;
import io.hiveiot.auth.annotation.RequestAnnotator;
import io.hiveiot.auth.claim.ClaimRequests;
import io.hiveiot.auth.claim.Claims;
import io.hiveiot.auth.claim.GatewayClaims;
import io.hiveiot.auth.config.AuthConfig;
import io.hiveiot.auth.config.AuthConfigReader;
import io.hiveiot.auth.config.ConfigReloader;
import io.hiveiot.auth.connect.ConnectAuthentication;
import io.hiveiot.auth.connect.ConnectMetrics;
import io.hiveiot.auth.connect.Credentials;
import io.hiveiot.auth.connect.LoginThrottle;
import io.hiveiot.auth.credential.AccessTokens;
import io.hiveiot.auth.credential.BasicCredentials;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.devices.DeviceStore;
import io.hiveiot.auth.firstrun.DemoAccount;
import io.hiveiot.auth.gateway.GatewaySessions;
import io.hiveiot.auth.gateway.Gateways;
import io.hiveiot.auth.gateway.SubDeviceStore;
import io.hiveiot.auth.profile.DeviceProfiles;
import io.hiveiot.auth.provision.ProvisionGate;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.auth.provision.ProvisionRequests;
import io.hiveiot.auth.provision.Provisioner;
import io.hiveiot.auth.service.RegistryChanges;
import io.hiveiot.auth.service.RegistryService;
import io.hiveiot.auth.status.ConnectionStatus;
import io.hiveiot.auth.status.ConnectionStatusListener;
import io.hiveiot.auth.status.RemoteTakeover;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.broker.BrokerEdition;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Notifications;
import io.hiveiot.kit.lifecycle.ExtensionLifecycle;
import io.hiveiot.kit.lifecycle.Startup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires hive-iot-auth: who each client is and what it may do, over auth.db. If it does not start, the standalone
 * broker refuses every client.
 */
public final class AuthExtensionMain extends ExtensionLifecycle {

    static final String METRIC_PREFIX = "hive-iot.auth.";
    /** HiveMQ's safety net for a claim waiting for its commit; never reached, a full queue is refused at once. */
    private static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(30);

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public AuthExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public AuthExtensionMain(final Path extensionHome) {
        super("hive-iot-auth", METRIC_PREFIX, extensionHome);
    }

    @Override
    protected String start(final Startup startup) throws ConfigException {
        final AuthConfig config = AuthConfigReader.read(startup.configFile());
        final Database database = startup.openDatabase("auth", config.database());
        final Notifications notifications = startup.notifications(database);
        final Clock clock = Clock.systemUTC();
        final var streamSubscriptions = StreamSubscriptions.start();
        final ConnectionStatus status = ConnectionStatus.start(
                database,
                notifications,
                clock,
                streamSubscriptions,
                startup.metrics().counter(METRIC_PREFIX + "events.unsubscribed"));
        RemoteTakeover.listen(notifications, status, Services.clientService(), BrokerEdition.mayBeClustered());
        if (config.createDemoAccount()) {
            DemoAccount.createIfRegistryEmpty(
                    database, startup.dataFolder(), clock, config.passwords().hashIterations());
        }
        final var tokens = new AccessTokens(database, config.credentialCache());
        final int warmed = tokens.warm();
        startup.gauge("token-cache.entries", tokens::cachedEntries);
        final var basic = new BasicCredentials(
                database,
                ClientIdRule.matching(config.appClientIdPattern()),
                config.credentialCache().maximumSize(),
                config.credentialCache().expireAfter());
        final var passwords = startup.keep(new PasswordVerifier(
                config.passwords().verificationThreads(),
                config.passwords().verifiedCacheSize(),
                config.passwords().verifiedExpireAfter(),
                config.passwords().hashIterations()));
        final ScheduledExecutorService scheduler = startup.timer("scheduler");
        final var reloader = new ConfigReloader(startup.configFile(), config, startup.metrics(), METRIC_PREFIX);
        reloader.start(scheduler, config.reloadInterval());
        if (notifications.shared()) {
            final long sweep = Notifications.DEAD_NODE_SWEEP.toMillis();
            scheduler.scheduleWithFixedDelay(() -> status.sweep(false), sweep, sweep, TimeUnit.MILLISECONDS);
        }
        final var profiles =
                new ProvisionProfiles(() -> reloader.current().provisioning(), database, clock, notifications);
        final var deviceProfiles = new DeviceProfiles(database, clock, notifications);
        final var credentials = new Credentials(
                tokens,
                basic,
                passwords,
                new ProvisionGate(() -> reloader.current().provisioning(), profiles));
        ConnectAuthentication.register(
                credentials,
                config.lookupTimeout(),
                new LoginThrottle(config.throttling(), clock),
                new ConnectMetrics(startup.metrics()),
                new DefaultPermissions(() -> reloader.current().roles()),
                deviceProfiles);
        final var claims = new Claims(database, passwords, clock);
        final var claimAnswer = startup.committedAnswer(ASYNC_TIMEOUT);
        final var gateways = new Gateways(
                new SubDeviceStore(
                        database,
                        clock,
                        config.maxSubDevices(),
                        config.credentialCache().maximumSize(),
                        config.credentialCache().expireAfter()),
                new GatewaySessions(status),
                new GatewayClaims(claims, claimAnswer),
                config.lookupTimeout(),
                startup.metrics(),
                METRIC_PREFIX);
        final var statusListener = new ConnectionStatusListener(status, Services.clientService(), gateways::closed);
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> statusListener);
        final var directory = new DeviceDirectory(
                database,
                config.credentialCache().maximumSize(),
                config.credentialCache().expireAfter());
        final var changes = new RegistryChanges(
                () -> {
                    credentials.invalidateCaches();
                    directory.invalidateAll();
                    gateways.invalidateCaches();
                },
                status,
                Services.clientService(),
                notifications);
        final var registry = startup.serve(
                RegistryService.create(database, clock, changes, passwords, claims, profiles, deviceProfiles));
        final var provisioning = new ProvisionRequests(
                new Provisioner(profiles, passwords, new DeviceStore(database, clock), changes::added), scheduler);
        Services.initializerRegistry()
                .setClientInitializer(new RoleInterceptors(
                        registry,
                        new RequestAnnotator(directory, config.lookupTimeout()),
                        provisioning,
                        new ClaimRequests(claims, claimAnswer),
                        config.provisioning().idleTimeout(),
                        scheduler,
                        streamSubscriptions,
                        gateways));
        return "with " + database.name() + " (" + warmed + " access tokens cached)";
    }
}
