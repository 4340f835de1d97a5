package io.hiveiot.firmware.config;

import io.hiveiot.kit.config.DatabaseConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * hive-iot-firmware's configuration, immutable. {@link #DEFAULTS} is the one place the defaults live; the shipped
 * {@code conf/config.xml} spells out the same values (a test keeps them equal).
 *
 * @param database         how firmware.db is opened
 * @param maxPackageSize   the largest package an upload may assemble, in bytes; at most
 *                         {@code cacheMaxBytes}, so that a package being downloaded always fits the cache
 * @param uploadExpiry     unfinished multi-message uploads older than this are deleted
 * @param cacheMaxBytes    the weight bound of the package-bytes cache chunks are served from
 * @param maxChunkSize     the largest chunk (or whole-file answer) a device may ask for
 * @param asyncTimeout     HiveMQ's safety net for a publish waiting for the database, at least
 *                         {@link #MIN_ASYNC_TIMEOUT}; its fallback would be a silent acknowledgement
 * @param identityFallback treat clients without an identity from hive-iot-auth as devices of account
 *                         {@code default} named by their client ID
 */
public record FirmwareConfig(
        DatabaseConfig database,
        int maxPackageSize,
        Duration uploadExpiry,
        long cacheMaxBytes,
        int maxChunkSize,
        Duration asyncTimeout,
        boolean identityFallback) {

    public static final Duration MIN_ASYNC_TIMEOUT = Duration.ofSeconds(30);

    public static final FirmwareConfig DEFAULTS = new FirmwareConfig(
            DatabaseConfig.DEFAULTS,
            32 * 1024 * 1024,
            Duration.ofHours(1),
            128L * 1024 * 1024,
            1024 * 1024,
            Duration.ofSeconds(60),
            false);

    public FirmwareConfig {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(uploadExpiry, "uploadExpiry");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
    }
}
