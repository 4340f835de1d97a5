package io.hiveiot.deviceapi.config;

import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.retention.RetentionSettings;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.telemetry.TelemetrySettings;
import io.hiveiot.kit.config.DatabaseConfig;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * hive-iot-device-api's configuration, immutable. {@link #DEFAULTS} is the one place the defaults live; the
 * shipped {@code conf/config.xml} spells out the same values (a test keeps them equal).
 *
 * @param database         how device-data.db is opened
 * @param limits           limits on device payloads
 * @param retention        how long telemetry history is kept
 * @param purgeInterval    time between two retention purges
 * @param asyncTimeout     HiveMQ's safety net for a QoS 1/2 publish waiting for its commit, at least
 *                         {@link #MIN_ASYNC_TIMEOUT}; its fallback would acknowledge unstored data, so it must
 *                         never fire
 * @param identityFallback treat clients without an identity from hive-iot-auth as devices of account
 *                         {@code default} named by their client ID
 * @param rpc              RPC timeouts and the answer to {@code getSessionLimits}
 * @param buckets          the configured buckets
 * @param bucketMaxAge     bucket records older than this are deleted
 * @param telemetry        when the telemetry store seals a series' newest points into a chunk
 */
public record DeviceApiConfig(
        DatabaseConfig database,
        PayloadLimits limits,
        RetentionSettings retention,
        Duration purgeInterval,
        Duration asyncTimeout,
        boolean identityFallback,
        RpcSettings rpc,
        List<Bucket> buckets,
        Duration bucketMaxAge,
        TelemetrySettings telemetry) {

    public static final Duration MIN_ASYNC_TIMEOUT = Duration.ofSeconds(30);

    public static final DeviceApiConfig DEFAULTS = new DeviceApiConfig(
            DatabaseConfig.DEFAULTS,
            PayloadLimits.DEFAULTS,
            RetentionSettings.DEFAULTS,
            Duration.ofHours(1),
            Duration.ofSeconds(60),
            false,
            RpcSettings.DEFAULTS,
            List.of(),
            Duration.ofDays(30),
            TelemetrySettings.DEFAULTS);

    public DeviceApiConfig {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(purgeInterval, "purgeInterval");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
        Objects.requireNonNull(rpc, "rpc");
        buckets = List.copyOf(buckets);
        Objects.requireNonNull(bucketMaxAge, "bucketMaxAge");
        Objects.requireNonNull(telemetry, "telemetry");
    }
}
