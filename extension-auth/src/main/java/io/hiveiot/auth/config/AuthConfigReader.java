package io.hiveiot.auth.config;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.auth.connect.LoginThrottle;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.provision.ProvisionProfile;
import io.hiveiot.auth.provision.ProvisioningSettings;
import io.hiveiot.kit.config.ConfigElement;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.StrictXmlReader;
import io.hiveiot.kit.identity.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/** Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. */
public final class AuthConfigReader {

    private static final StrictXmlReader XML = new StrictXmlReader(AuthConfigReader.class.getResource("config.xsd"));

    private AuthConfigReader() {
    }

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static AuthConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return AuthConfig.DEFAULTS;
        }
        final AuthConfig d = AuthConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final Optional<ConfigElement> database = root.child("database");
        final Optional<ConfigElement> cache = root.child("credential-cache");
        final var credentialCache = new AuthConfig.CacheSettings(
                intValue(cache, "maximum-size", d.credentialCache().maximumSize()),
                positive(cache, "expire-after", d.credentialCache().expireAfter()),
                positive(cache, "unknown-expire-after", d.credentialCache().unknownExpireAfter()));
        final Optional<ConfigElement> passwords = root.child("passwords");
        final var passwordSettings = new AuthConfig.PasswordSettings(
                intValue(passwords, "hash-iterations", d.passwords().hashIterations()),
                intValue(passwords, "verification-threads", d.passwords().verificationThreads()),
                intValue(passwords, "verified-cache-size", d.passwords().verifiedCacheSize()),
                positive(passwords, "verified-expire-after", d.passwords().verifiedExpireAfter()));
        final String appClientIdPattern = appClientIdPattern(root, d.appClientIdPattern());
        final Optional<ConfigElement> throttling = root.child("throttling");
        final var throttle = new LoginThrottle.Settings(
                intValue(throttling, "max-failures", d.throttling().maxFailures()),
                intValue(throttling, "max-failures-per-address", d.throttling().maxFailuresPerAddress()),
                positive(throttling, "window", d.throttling().window()),
                positive(throttling, "ban", d.throttling().ban()));
        return new AuthConfig(
                database.flatMap(db -> db.childText("jdbc-url")),
                positive(database, "busy-timeout", d.busyTimeout()),
                database.flatMap(db -> db.childText("synchronous")).map("FULL"::equals).orElse(d.synchronousFull()),
                intValue(database, "writer-queue-capacity", d.writerQueueCapacity()),
                intValue(database, "read-threads", d.readThreads()),
                credentialCache,
                passwordSettings,
                appClientIdPattern,
                throttle,
                provisioning(root.child("provisioning"), d.provisioning()),
                roles(root.child("roles")),
                root.childBoolean("session-eviction", d.sessionEviction()),
                positive(Optional.of(root), "lookup-timeout", d.lookupTimeout()),
                root.childBoolean("create-demo-account", d.createDemoAccount()));
    }

    private static ProvisioningSettings provisioning(final Optional<ConfigElement> element,
                                                     final ProvisioningSettings defaults) throws ConfigException {
        if (element.isEmpty()) {
            return defaults;
        }
        final var profiles = new ArrayList<ProvisionProfile>();
        final var keys = new HashSet<String>();
        for (final ConfigElement profile : element.get().children("profile")) {
            final String key = profile.childText("key").orElseThrow();
            if (!keys.add(key)) {
                throw profile.problem("another profile has the key '" + key + "'");
            }
            profiles.add(new ProvisionProfile(key, profile.childText("secret-hash").orElseThrow(),
                    ProvisionProfile.Strategy.valueOf(profile.childText("strategy").orElseThrow()),
                    profile.childText("account").orElseThrow()));
        }
        return new ProvisioningSettings(profiles, positive(element, "idle-timeout", defaults.idleTimeout()),
                intValue(element, "sessions-per-minute", defaults.sessionsPerMinute()));
    }

    private static Map<Role, List<PermissionTemplate>> roles(final Optional<ConfigElement> element)
            throws ConfigException {
        final var roles = new EnumMap<Role, List<PermissionTemplate>>(Role.class);
        if (element.isEmpty()) {
            return roles;
        }
        for (final ConfigElement role : element.get().children("role")) {
            final Role name = Role.valueOf(role.attribute("name").orElseThrow());
            if (roles.containsKey(name)) {
                throw role.problem("role " + name + " is configured twice");
            }
            final var templates = new ArrayList<PermissionTemplate>();
            for (final ConfigElement permission : role.children("permission")) {
                final String filter = permission.childText("topic-filter").orElseThrow();
                final String unknown = filter.replaceAll("\\$\\{(account|device|client-id|username)}", "");
                if (unknown.contains("${")) {
                    throw permission.problem("unknown placeholder in '" + filter
                            + "'; known are " + String.join(", ", new TreeSet<>(PermissionTemplate.PLACEHOLDERS)));
                }
                templates.add(new PermissionTemplate(filter,
                        TopicPermission.MqttActivity.valueOf(permission.childText("activity").orElse("ALL")),
                        TopicPermission.Retain.valueOf(permission.childText("retain").orElse("ALL")),
                        TopicPermission.SharedSubscription.valueOf(
                                permission.childText("shared-subscription").orElse("NOT_SHARED"))));
            }
            roles.put(name, List.copyOf(templates));
        }
        return roles;
    }

    private static int intValue(final Optional<ConfigElement> parent, final String name, final int defaultValue)
            throws ConfigException {
        return parent.isPresent() ? parent.get().childInt(name, defaultValue) : defaultValue;
    }

    private static String appClientIdPattern(final ConfigElement root, final String defaultValue)
            throws ConfigException {
        final Optional<ConfigElement> element = root.child("applications").flatMap(a -> a.child("client-id-pattern"));
        if (element.isEmpty()) {
            return defaultValue;
        }
        try {
            ClientIdRule.matching(element.get().text()).pattern("app-id");
        } catch (final PatternSyntaxException e) {
            throw element.get().problem("not a regular expression: " + e.getDescription());
        }
        return element.get().text();
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
