package io.hiveiot.tracking.config;

import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.tracking.group.FamilyConfig;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * hive-iot-tracking's configuration, immutable. {@link #DEFAULTS} is the one place the defaults live; the
 * shipped {@code conf/config.xml} spells out the same values (a test keeps them equal).
 *
 * @param database            how tracking.db is opened
 * @param trackingTopicPrefix iotBind messages are consumed on this topic and below it
 * @param maxValueLength      longest uid, key or reported value, in characters
 * @param history             how long position history is kept
 * @param families            group topic families fixed by the file
 * @param asyncTimeout        HiveMQ's safety net for a QoS 1/2 message waiting for its commit, at least
 *                            {@link #MIN_ASYNC_TIMEOUT}; its fallback would acknowledge an unstored update
 * @param identityFallback    treat clients without an identity from hive-iot-auth as devices of account
 *                            {@code default} named by their client ID
 */
public record TrackingConfig(
        DatabaseConfig database,
        String trackingTopicPrefix,
        int maxValueLength,
        HistoryConfig history,
        List<FamilyConfig> families,
        Duration asyncTimeout,
        boolean identityFallback) {

    public static final Duration MIN_ASYNC_TIMEOUT = Duration.ofSeconds(30);

    public static final TrackingConfig DEFAULTS = new TrackingConfig(
            DatabaseConfig.DEFAULTS,
            "iotbind/tracking",
            1024,
            new HistoryConfig(Duration.ofDays(30), Duration.ofHours(1), 1_000),
            List.of(),
            Duration.ofSeconds(60),
            false);

    public TrackingConfig {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(trackingTopicPrefix, "trackingTopicPrefix");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
        families = List.copyOf(families);
    }

    /**
     * @param maxAge        history rows older than this are purged
     * @param purgeInterval time between two purges
     * @param batchSize     rows deleted per transaction, so a purge never holds the writer long
     */
    public record HistoryConfig(Duration maxAge, Duration purgeInterval, int batchSize) {}
}
