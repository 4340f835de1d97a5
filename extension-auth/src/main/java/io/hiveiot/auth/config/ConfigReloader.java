package io.hiveiot.auth.config;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.hiveiot.kit.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-reads {@code conf/config.xml} when it changes, so that roles and provision profiles change
 * without a restart. A file with an error is refused with one log line naming the line and the
 * problem, and the last good configuration stays in force. Everything else in the file (database,
 * caches, timeouts) is read at start only.
 */
public final class ConfigReloader {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final Counter reloads;
    private final Counter refused;
    private volatile AuthConfig current;
    private volatile FileTime seen;

    /** @param metricPrefix the extension's; counts {@code config.reloads} and {@code config.reload-failures} */
    public ConfigReloader(
            final Path file, final AuthConfig started, final MetricRegistry metrics, final String metricPrefix) {
        this.file = file;
        this.current = started;
        this.seen = modified();
        this.reloads = metrics.counter(metricPrefix + "config.reloads");
        this.refused = metrics.counter(metricPrefix + "config.reload-failures");
    }

    public AuthConfig current() {
        return current;
    }

    public void start(final ScheduledExecutorService scheduler, final Duration interval) {
        scheduler.scheduleWithFixedDelay(
                this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads if the file changed since it was last read. */
    public void checkNow() {
        final FileTime modified = modified();
        if (Objects.equals(modified, seen)) {
            return;
        }
        seen = modified;
        try {
            current = AuthConfigReader.read(file);
            reloads.inc();
            log.info("hive-iot-auth: reloaded roles and provision profiles from {}", file);
        } catch (final ConfigException e) {
            refused.inc();
            log.error(
                    "hive-iot-auth: {} not reloaded, the previous configuration stays in force: {}",
                    file,
                    e.getMessage());
        } catch (final RuntimeException e) {
            refused.inc();
            log.error("hive-iot-auth: {} not reloaded, the previous configuration stays in force", file, e);
        }
    }

    private FileTime modified() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        } catch (final IOException e) {
            return null;
        }
    }
}
