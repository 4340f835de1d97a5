package io.hiveiot.tracking.config;

import io.hiveiot.registry.config.ConfigElement;
import io.hiveiot.registry.config.ConfigException;
import io.hiveiot.registry.config.StrictXmlReader;
import io.hiveiot.tracking.group.FamilyNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. */
public final class TrackingConfigReader {

    private static final StrictXmlReader XML =
            new StrictXmlReader(TrackingConfigReader.class.getResource("config.xsd"));

    private TrackingConfigReader() {
    }

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static TrackingConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return TrackingConfig.DEFAULTS;
        }
        final TrackingConfig d = TrackingConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final String prefix = prefix(root, d.trackingTopicPrefix());
        return new TrackingConfig(
                database(root.child("database"), d.database()),
                prefix,
                root.childInt("max-value-length", d.maxValueLength()),
                history(root.child("history"), d.history()),
                families(root.child("families"), prefix),
                asyncTimeout(root, d.asyncTimeout()),
                root.childBoolean("identity-fallback", d.identityFallback()));
    }

    private static String prefix(final ConfigElement root, final String defaultValue) throws ConfigException {
        final Optional<ConfigElement> element = root.child("tracking-topic-prefix");
        if (element.isEmpty()) {
            return defaultValue;
        }
        final String prefix = element.get().text();
        if (prefix.endsWith("/") || prefix.contains("//")) {
            throw element.get().problem("topic levels must not be empty: write it like iotbind/tracking");
        }
        return prefix;
    }

    private static TrackingConfig.DatabaseConfig database(final Optional<ConfigElement> element,
                                                          final TrackingConfig.DatabaseConfig d)
            throws ConfigException {
        return new TrackingConfig.DatabaseConfig(
                element.flatMap(db -> db.childText("jdbc-url")),
                positive(element, "busy-timeout", d.busyTimeout()),
                element.flatMap(db -> db.childText("synchronous")).map("FULL"::equals).orElse(d.synchronousFull()),
                intValue(element, "writer-queue-capacity", d.writerQueueCapacity()),
                intValue(element, "max-batch", d.maxBatch()),
                intValue(element, "read-threads", d.readThreads()));
    }

    private static TrackingConfig.HistoryConfig history(final Optional<ConfigElement> element,
                                                        final TrackingConfig.HistoryConfig d)
            throws ConfigException {
        return new TrackingConfig.HistoryConfig(positive(element, "max-age", d.maxAge()),
                positive(element, "purge-interval", d.purgeInterval()),
                intValue(element, "purge-batch-size", d.batchSize()));
    }

    private static List<FamilyConfig> families(final Optional<ConfigElement> element, final String trackingPrefix)
            throws ConfigException {
        if (element.isEmpty()) {
            return List.of();
        }
        final var families = new ArrayList<FamilyConfig>();
        final Set<String> names = new HashSet<>();
        for (final ConfigElement family : element.get().children("family")) {
            final String name = family.attribute("name").orElseThrow();
            final Optional<String> reserved = FamilyNames.reservedReason(name, trackingPrefix);
            if (reserved.isPresent()) {
                throw family.problem(reserved.get());
            }
            if (!names.add(name)) {
                throw family.problem("family '" + name + "' is configured twice");
            }
            final Map<String, Set<String>> groups = new LinkedHashMap<>();
            for (final ConfigElement group : family.children("group")) {
                final String groupName = group.attribute("name").orElseThrow();
                final Set<String> members = new LinkedHashSet<>();
                for (final ConfigElement device : group.children("device")) {
                    members.add(device.text());
                }
                if (groups.put(groupName, Set.copyOf(members)) != null) {
                    throw group.problem("group '" + groupName + "' is configured twice in family '" + name + "'");
                }
            }
            for (final Map.Entry<String, Set<String>> group : groups.entrySet()) {
                for (final String member : group.getValue()) {
                    if (groups.containsKey(member)) {
                        throw family.problem("'" + member + "' is both a group and a device of family '" + name
                                + "': their topics would be the same");
                    }
                }
            }
            families.add(new FamilyConfig(name, family.attribute("account").orElseThrow(), groups));
        }
        return families;
    }

    private static Duration asyncTimeout(final ConfigElement root, final Duration defaultValue)
            throws ConfigException {
        final Duration value = root.childDuration("async-timeout", defaultValue);
        if (value.compareTo(TrackingConfig.MIN_ASYNC_TIMEOUT) < 0) {
            throw root.child("async-timeout").orElseThrow().problem("must be at least "
                    + TrackingConfig.MIN_ASYNC_TIMEOUT + ": when it fires, HiveMQ acknowledges the unstored message");
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
