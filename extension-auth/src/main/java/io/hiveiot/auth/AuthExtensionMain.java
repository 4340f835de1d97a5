package io.hiveiot.auth;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.auth.annotation.DeviceDirectory;
import io.hiveiot.auth.annotation.RequestAnnotator;
import io.hiveiot.auth.acl.DefaultPermissions;
import io.hiveiot.auth.claim.ClaimRequests;
import io.hiveiot.auth.claim.Claims;
import io.hiveiot.auth.config.AuthConfig;
import io.hiveiot.auth.config.AuthConfigReader;
import io.hiveiot.auth.config.ConfigReloader;
import io.hiveiot.auth.connect.ConnectAuthentication;
import io.hiveiot.auth.connect.ConnectMetrics;
import io.hiveiot.auth.connect.LoginThrottle;
import io.hiveiot.auth.credential.AccessTokens;
import io.hiveiot.auth.credential.BasicCredentials;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.credential.Credentials;
import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.auth.firstrun.DemoAccount;
import io.hiveiot.auth.provision.ProvisionGate;
import io.hiveiot.auth.provision.ProvisionProfiles;
import io.hiveiot.auth.provision.ProvisionRequests;
import io.hiveiot.auth.provision.Provisioner;
import io.hiveiot.auth.registry.DeviceRegistry;
import io.hiveiot.auth.registry.RegistryService;
import io.hiveiot.auth.status.ConnectionStatus;
import io.hiveiot.auth.status.ConnectionStatusListener;
import io.hiveiot.kit.api.ApiRequestInterceptor;
import io.hiveiot.kit.api.StreamSubscriptions;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.ExtensionFolders;
import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.database.Migrations;
import io.hiveiot.kit.database.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires hive-iot-auth: reads the config, opens auth.db, and registers the CONNECT interceptor, the
 * authenticator and the lifecycle listener. Any start problem is one ERROR line and
 * {@code preventExtensionStartup}: the extension never runs half-started, and without it the
 * standalone broker refuses every client.
 */
public final class AuthExtensionMain implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(AuthExtensionMain.class);
    static final String METRIC_PREFIX = "hive-iot.auth.";
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final Path extensionHomeOverride;
    private Database database;
    private PasswordVerifier passwords;
    private ScheduledExecutorService scheduler;

    /** As HiveMQ loads it: the config is {@code conf/config.xml} in the extension's folder. */
    public AuthExtensionMain() {
        this(null);
    }

    /** For embedding: the config is {@code conf/config.xml} in the given folder. */
    public AuthExtensionMain(final Path extensionHome) {
        this.extensionHomeOverride = extensionHome;
    }

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        final Path configFile = ExtensionFolders.configFile(input, extensionHomeOverride);
        try {
            final AuthConfig config = AuthConfigReader.read(configFile);
            final Path dataFolder = ExtensionFolders.dataFolder(input);
            database = Database.open("auth.db", config.databaseSettings(dataFolder),
                    new Migrations("db/auth", AuthExtensionMain.class.getClassLoader()));
            final Clock clock = Clock.systemUTC();
            final MetricRegistry metrics = Services.metricRegistry();
            final var streamSubscriptions = StreamSubscriptions.start();
            final ConnectionStatus status = ConnectionStatus.start(database, clock, streamSubscriptions,
                    metrics.counter(METRIC_PREFIX + "events.unsubscribed"));
            if (config.createDemoAccount()) {
                DemoAccount.createIfRegistryEmpty(database, dataFolder, clock, config.passwords().hashIterations());
            }
            final var tokens = new AccessTokens(database, config.credentialCache());
            final int warmed = tokens.warm();
            final var basic = new BasicCredentials(database, ClientIdRule.matching(config.appClientIdPattern()),
                    config.credentialCache().maximumSize(), config.credentialCache().expireAfter());
            passwords = new PasswordVerifier(config.passwords().verificationThreads(),
                    config.passwords().verifiedCacheSize(), config.passwords().verifiedExpireAfter(),
                    config.passwords().hashIterations());
            final var reloader = new ConfigReloader(configFile, config);
            final var profiles = new ProvisionProfiles(() -> reloader.current().provisioning(), database, clock);
            final var credentials = new Credentials(tokens, basic, passwords,
                    new ProvisionGate(() -> reloader.current().provisioning(), profiles), config.sessionEviction());
            registerGauges(metrics, tokens);
            ConnectAuthentication.register(credentials, config.lookupTimeout(),
                    new LoginThrottle(config.throttling(), clock), new ConnectMetrics(metrics),
                    new DefaultPermissions(() -> reloader.current().roles()));
            Services.eventRegistry().setClientLifecycleEventListener(providerInput ->
                    new ConnectionStatusListener(status, Services.clientService(), config.sessionEviction()));
            final var directory = new DeviceDirectory(database, config.credentialCache().maximumSize(),
                    config.credentialCache().expireAfter());
            final Runnable invalidateCaches = () -> {
                credentials.invalidateCaches();
                directory.invalidateAll();
            };
            final var claims = new Claims(database, passwords, clock);
            final var registry = new ApiRequestInterceptor(new RegistryService(database, clock, invalidateCaches,
                    passwords, status, Services.clientService(), claims, profiles), metrics,
                    METRIC_PREFIX + "api.registry.");
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                final var thread = new Thread(runnable, "hive-iot-auth-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            reloader.start(scheduler, RELOAD_INTERVAL);
            final var provisioning = new ProvisionRequests(new Provisioner(profiles, passwords,
                    new DeviceRegistry(database, clock), invalidateCaches), scheduler);
            Services.initializerRegistry().setClientInitializer(new RoleInterceptors(registry,
                    new RequestAnnotator(directory, config.lookupTimeout()), provisioning, new ClaimRequests(claims),
                    config.provisioning().idleTimeout(), scheduler, streamSubscriptions));
            log.info("hive-iot-auth: started with {} ({} access tokens cached)", database.name(), warmed);
        } catch (final ConfigException e) {
            fail(output, e.getMessage());
        } catch (final StoreException e) {
            fail(output, "auth.db: " + e.getMessage());
        } catch (final RuntimeException e) {
            log.error("hive-iot-auth: start failed", e);
            fail(output, "start failed: " + e);
        }
    }

    private void fail(final ExtensionStartOutput output, final String problem) {
        log.error("hive-iot-auth: not started: {}", problem);
        output.preventExtensionStartup(problem);
        releaseResources();
    }

    private void registerGauges(final MetricRegistry metrics, final AccessTokens tokens) {
        final Database db = database;
        metrics.gauge(METRIC_PREFIX + "db.queued-writes", () -> (Gauge<Integer>) db::queuedWrites);
        metrics.gauge(METRIC_PREFIX + "token-cache.entries", () -> (Gauge<Long>) tokens::cachedEntries);
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        final MetricRegistry metrics = Services.metricRegistry();
        metrics.removeMatching((name, metric) -> name.startsWith(METRIC_PREFIX));
        releaseResources();
    }

    private void releaseResources() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (passwords != null) {
            passwords.close();
            passwords = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
