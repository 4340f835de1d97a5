package io.hiveiot.deviceapi.config;

import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.retention.RetentionSettings;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.telemetry.TelemetrySettings;
import io.hiveiot.kit.config.ConfigElement;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.StrictXmlReader;
import io.hiveiot.kit.topic.TopicSpace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. */
public final class DeviceApiConfigReader {

    private static final StrictXmlReader XML =
            new StrictXmlReader(DeviceApiConfigReader.class.getResource("config.xsd"));

    private DeviceApiConfigReader() {}

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static DeviceApiConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return DeviceApiConfig.DEFAULTS;
        }
        final DeviceApiConfig d = DeviceApiConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final ConfigElement retention = root.childOrEmpty("retention");
        return new DeviceApiConfig(
                DatabaseConfig.read(root.childOrEmpty("database"), d.database()),
                limits(root.childOrEmpty("payload-limits"), d.limits()),
                retention(retention, d.retention()),
                retention.childPositiveDuration("purge-interval", d.purgeInterval()),
                root.childDurationAtLeast(
                        "async-timeout",
                        d.asyncTimeout(),
                        DeviceApiConfig.MIN_ASYNC_TIMEOUT,
                        "when it fires, HiveMQ acknowledges the unstored publish"),
                root.childBoolean("identity-fallback", d.identityFallback()),
                rpc(root.childOrEmpty("rpc"), d.rpc()),
                buckets(root.childOrEmpty("buckets")),
                retention.childPositiveDuration("bucket-max-age", d.bucketMaxAge()),
                telemetry(root.childOrEmpty("telemetry"), d.telemetry()));
    }

    private static TelemetrySettings telemetry(final ConfigElement element, final TelemetrySettings d)
            throws ConfigException {
        // The XSD has checked the range of chunk-points.
        return new TelemetrySettings(
                element.childInt("chunk-points", d.chunkPoints()),
                element.childPositiveDuration("chunk-span", d.chunkSpan()),
                element.childPositiveDuration("head-max-age", d.headMaxAge()));
    }

    private static RpcSettings rpc(final ConfigElement element, final RpcSettings d) throws ConfigException {
        return new RpcSettings(
                element.childPositiveDuration("default-timeout", d.defaultTimeout()),
                element.childPositiveDuration("persistent-expiry", d.persistentExpiry()),
                element.childPositiveDuration("client-side-timeout", d.clientSideTimeout()),
                element.childInt("max-payload-size", d.maxPayloadSize()),
                element.childInt("max-inflight-messages", d.maxInflightMessages()));
    }

    private static List<Bucket> buckets(final ConfigElement element) throws ConfigException {
        final List<Bucket> buckets = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final ConfigElement bucket : element.children("bucket")) {
            final String name = bucket.childText("name").orElseThrow();
            final String account = bucket.childText("account").orElseThrow();
            final String filter = bucket.childText("topic-filter").orElseThrow();
            if (!names.add(name)) {
                throw bucket.problem("a second bucket named '" + name + "'");
            }
            if (!TopicFilter.isValid(filter)) {
                throw bucket.problem("'" + filter + "' is not a valid MQTT topic filter");
            }
            // Recorded only where the account's devices may publish: its own space, or the root space if it has it.
            final var problem = new TopicSpace(account, true).filterProblem(filter);
            if (problem.isPresent()) {
                throw bucket.problem("bucket '" + name + "': " + problem.get());
            }
            buckets.add(Bucket.configured(name, account, new TopicFilter(filter)));
        }
        return buckets;
    }

    private static PayloadLimits limits(final ConfigElement element, final PayloadLimits d) throws ConfigException {
        // The XSD has checked every range PayloadLimits checks.
        return new PayloadLimits(
                element.childInt("max-key-length", d.maxKeyLength()),
                element.childInt("max-keys-per-message", d.maxKeysPerMessage()),
                element.childInt("max-value-length", d.maxValueLength()),
                element.childInt("max-nesting-depth", d.maxNestingDepth()));
    }

    private static RetentionSettings retention(final ConfigElement element, final RetentionSettings d)
            throws ConfigException {
        return new RetentionSettings(
                element.childPositiveDuration("telemetry-max-age", d.telemetryMaxAge()),
                element.childInt("purge-batch-size", d.batchSize()));
    }
}
