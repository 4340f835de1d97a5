package io.hiveiot.kit.lifecycle;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.database.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * What every hive-iot extension does when HiveMQ starts and stops it; an extension's main fills in {@link #start}
 * with its wiring: read the configuration, build, register.
 * <p>
 * A start problem is one ERROR line naming it (a configuration error names file, line and column) and
 * {@code preventExtensionStartup}, never an exception: HiveMQ would mark a throwing extension DISABLED for every
 * later start. The extension never runs half-started: whatever the failed start had opened is released. At stop,
 * the extension's metrics leave the broker's registry and its resources close in the reverse order of their
 * opening, so the database writer commits what publishes are waiting for before its connection closes.
 */
public abstract class ExtensionLifecycle implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(ExtensionLifecycle.class);

    private final String id;
    private final String metricPrefix;
    private final Path homeOverride;
    private Resources resources = new Resources();

    /**
     * @param id           the extension's id, e.g. {@code hive-iot-device-api}: the first word of its log lines
     * @param metricPrefix the prefix of all its metrics, e.g. {@code hive-iot.device-api.}
     * @param homeOverride the extension's folder when embedded; null when HiveMQ loaded it from its folder
     */
    protected ExtensionLifecycle(final String id, final String metricPrefix, final Path homeOverride) {
        this.id = id;
        this.metricPrefix = metricPrefix;
        this.homeOverride = homeOverride;
    }

    /**
     * Reads the configuration, builds the extension and registers it with the broker.
     *
     * @return what the start's INFO line says after "started", e.g. which database it opened
     * @throws ConfigException a problem of the configuration, naming file, line and column
     * @throws StoreException  a database that cannot be opened or migrated, naming it
     */
    protected abstract String start(Startup startup) throws ConfigException;

    @Override
    public final void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        resources = new Resources();
        try {
            final var startup = new Startup(
                    id,
                    metricPrefix,
                    configFile(input),
                    dataFolder(input),
                    getClass().getClassLoader(),
                    resources);
            final String started = start(startup);
            startup.started();
            log.info("{}: started {}", id, started);
        } catch (final ConfigException | StoreException e) {
            fail(output, e.getMessage());
        } catch (final RuntimeException e) {
            log.error("{}: start failed", id, e);
            fail(output, "start failed: " + e);
        }
    }

    @Override
    public final void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        Services.metricRegistry().removeMatching((name, metric) -> name.startsWith(metricPrefix));
        resources.closeAll();
    }

    private void fail(final ExtensionStartOutput output, final String problem) {
        log.error("{}: not started: {}", id, problem);
        output.preventExtensionStartup(problem);
        Services.metricRegistry().removeMatching((name, metric) -> name.startsWith(metricPrefix));
        resources.closeAll();
    }

    /** {@code conf/config.xml} in the extension's folder (or, embedded, in the folder given to it). */
    private Path configFile(final ExtensionStartInput input) {
        final Path home = homeOverride != null
                ? homeOverride
                : input.getExtensionInformation().getExtensionHomeFolder().toPath();
        return home.resolve("conf").resolve("config.xml");
    }

    /** The folder of every hive-iot database: {@code <HiveMQ data folder>/hive-iot}. */
    private static Path dataFolder(final ExtensionStartInput input) {
        return input.getServerInformation().getDataFolder().toPath().resolve("hive-iot");
    }
}
