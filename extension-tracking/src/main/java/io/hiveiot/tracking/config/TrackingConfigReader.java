package io.hiveiot.tracking.config;

import io.hiveiot.kit.config.ConfigElement;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.StrictXmlReader;
import io.hiveiot.tracking.group.FamilyConfig;
import io.hiveiot.tracking.group.FamilyNames;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private TrackingConfigReader() {}

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static TrackingConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return TrackingConfig.DEFAULTS;
        }
        final TrackingConfig d = TrackingConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final String prefix = prefix(root, d.trackingTopicPrefix());
        return new TrackingConfig(
                DatabaseConfig.read(root.childOrEmpty("database"), d.database()),
                prefix,
                root.childInt("max-value-length", d.maxValueLength()),
                history(root.childOrEmpty("history"), d.history()),
                families(root.child("families"), prefix),
                root.childDurationAtLeast(
                        "async-timeout",
                        d.asyncTimeout(),
                        TrackingConfig.MIN_ASYNC_TIMEOUT,
                        "when it fires, HiveMQ acknowledges the unstored message"),
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

    private static TrackingConfig.HistoryConfig history(
            final ConfigElement element, final TrackingConfig.HistoryConfig d) throws ConfigException {
        return new TrackingConfig.HistoryConfig(
                element.childPositiveDuration("max-age", d.maxAge()),
                element.childPositiveDuration("purge-interval", d.purgeInterval()),
                element.childInt("purge-batch-size", d.batchSize()));
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
}
