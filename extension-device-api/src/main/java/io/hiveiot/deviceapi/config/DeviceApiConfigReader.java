package io.hiveiot.deviceapi.config;

import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.retention.RetentionSettings;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.registry.config.ConfigElement;
import io.hiveiot.registry.config.ConfigException;
import io.hiveiot.registry.config.StrictXmlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. */
public final class DeviceApiConfigReader {

    private static final StrictXmlReader XML =
            new StrictXmlReader(DeviceApiConfigReader.class.getResource("config.xsd"));

    private DeviceApiConfigReader() {
    }

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static DeviceApiConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return DeviceApiConfig.DEFAULTS;
        }
        final DeviceApiConfig d = DeviceApiConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        return new DeviceApiConfig(
                database(root.child("database"), d.database()),
                limits(root.child("payload-limits"), d.limits()),
                retention(root.child("retention"), d.retention()),
                positive(root.child("retention"), "purge-interval", d.purgeInterval()),
                asyncTimeout(root, d.asyncTimeout()),
                root.childBoolean("identity-fallback", d.identityFallback()),
                rpc(root.child("rpc"), d.rpc()),
                buckets(root.child("buckets")),
                positive(root.child("retention"), "bucket-max-age", d.bucketMaxAge()));
    }

    private static RpcSettings rpc(final Optional<ConfigElement> element, final RpcSettings d)
            throws ConfigException {
        return new RpcSettings(
                positive(element, "default-timeout", d.defaultTimeout()),
                positive(element, "persistent-expiry", d.persistentExpiry()),
                positive(element, "client-side-timeout", d.clientSideTimeout()),
                intValue(element, "max-payload-size", d.maxPayloadSize()),
                intValue(element, "max-inflight-messages", d.maxInflightMessages()));
    }

    private static List<Bucket> buckets(final Optional<ConfigElement> element) throws ConfigException {
        if (element.isEmpty()) {
            return List.of();
        }
        final List<Bucket> buckets = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final ConfigElement bucket : element.get().children("bucket")) {
            final String name = bucket.childText("name").orElseThrow();
            final String account = bucket.childText("account").orElseThrow();
            final String filter = bucket.childText("topic-filter").orElseThrow();
            if (!names.add(name)) {
                throw bucket.problem("a second bucket named '" + name + "'");
            }
            if (!TopicFilter.isValid(filter)) {
                throw bucket.problem("'" + filter + "' is not a valid MQTT topic filter");
            }
            if (!filter.startsWith(Bucket.namespace(account))) {
                throw bucket.problem("the topic filter of bucket '" + name + "' must lie inside "
                        + Bucket.namespace(account) + "... (the account's own topic space)");
            }
            buckets.add(new Bucket(name, account, new TopicFilter(filter)));
        }
        return buckets;
    }

    private static DeviceApiConfig.DatabaseConfig database(final Optional<ConfigElement> element,
                                                           final DeviceApiConfig.DatabaseConfig d)
            throws ConfigException {
        return new DeviceApiConfig.DatabaseConfig(
                element.flatMap(db -> db.childText("jdbc-url")),
                positive(element, "busy-timeout", d.busyTimeout()),
                element.flatMap(db -> db.childText("synchronous")).map("FULL"::equals).orElse(d.synchronousFull()),
                intValue(element, "writer-queue-capacity", d.writerQueueCapacity()),
                intValue(element, "max-batch", d.maxBatch()),
                intValue(element, "read-threads", d.readThreads()));
    }

    private static PayloadLimits limits(final Optional<ConfigElement> element, final PayloadLimits d)
            throws ConfigException {
        // The XSD has checked every range PayloadLimits checks.
        return new PayloadLimits(
                intValue(element, "max-key-length", d.maxKeyLength()),
                intValue(element, "max-keys-per-message", d.maxKeysPerMessage()),
                intValue(element, "max-value-length", d.maxValueLength()),
                intValue(element, "max-nesting-depth", d.maxNestingDepth()));
    }

    private static RetentionSettings retention(final Optional<ConfigElement> element, final RetentionSettings d)
            throws ConfigException {
        return new RetentionSettings(positive(element, "telemetry-max-age", d.telemetryMaxAge()),
                intValue(element, "purge-batch-size", d.batchSize()));
    }

    private static Duration asyncTimeout(final ConfigElement root, final Duration defaultValue)
            throws ConfigException {
        final Duration value = root.childDuration("async-timeout", defaultValue);
        if (value.compareTo(DeviceApiConfig.MIN_ASYNC_TIMEOUT) < 0) {
            throw root.child("async-timeout").orElseThrow().problem("must be at least "
                    + DeviceApiConfig.MIN_ASYNC_TIMEOUT + ": when it fires, HiveMQ acknowledges the unstored publish");
        }
        return value;
    }

    private static int intValue(final Optional<ConfigElement> parent, final String name, final int defaultValue)
            throws ConfigException {
        return parent.isPresent() ? parent.get().childInt(name, defaultValue) : defaultValue;
    }

    private static Duration positive(final Optional<ConfigElement> parent, final String name,
                                     final Duration defaultValue) throws ConfigException {
        if (parent.isEmpty()) {
            return defaultValue;
        }
        final Duration value = parent.get().childDuration(name, defaultValue);
        if (value.isZero() || value.isNegative()) {
            throw parent.get().child(name).orElseThrow().problem("must be longer than zero");
        }
        return value;
    }
}
