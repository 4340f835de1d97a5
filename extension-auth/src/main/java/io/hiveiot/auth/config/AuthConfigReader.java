package io.hiveiot.auth.config;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.auth.connect.LoginThrottle;
import io.hiveiot.auth.credential.CacheSettings;
import io.hiveiot.auth.credential.ClientIdRule;
import io.hiveiot.auth.provision.ProvisionProfile;
import io.hiveiot.auth.provision.ProvisioningSettings;
import io.hiveiot.kit.config.ConfigElement;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.StrictXmlReader;
import io.hiveiot.kit.identity.Role;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private AuthConfigReader() {}

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static AuthConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return AuthConfig.DEFAULTS;
        }
        final AuthConfig d = AuthConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final ConfigElement cache = root.childOrEmpty("credential-cache");
        final var credentialCache = new CacheSettings(
                cache.childInt("maximum-size", d.credentialCache().maximumSize()),
                cache.childPositiveDuration("expire-after", d.credentialCache().expireAfter()),
                cache.childPositiveDuration(
                        "unknown-expire-after", d.credentialCache().unknownExpireAfter()));
        final ConfigElement passwords = root.childOrEmpty("passwords");
        final var passwordSettings = new AuthConfig.PasswordSettings(
                passwords.childInt("hash-iterations", d.passwords().hashIterations()),
                passwords.childInt("verification-threads", d.passwords().verificationThreads()),
                passwords.childInt("verified-cache-size", d.passwords().verifiedCacheSize()),
                passwords.childPositiveDuration(
                        "verified-expire-after", d.passwords().verifiedExpireAfter()));
        final String appClientIdPattern = appClientIdPattern(root, d.appClientIdPattern());
        final ConfigElement throttling = root.childOrEmpty("throttling");
        final var throttle = new LoginThrottle.Settings(
                throttling.childInt("max-failures", d.throttling().maxFailures()),
                throttling.childInt("max-failures-per-address", d.throttling().maxFailuresPerAddress()),
                throttling.childPositiveDuration("window", d.throttling().window()),
                throttling.childPositiveDuration("ban", d.throttling().ban()));
        return new AuthConfig(
                DatabaseConfig.read(root.childOrEmpty("database"), d.database()),
                credentialCache,
                passwordSettings,
                appClientIdPattern,
                throttle,
                provisioning(root.childOrEmpty("provisioning"), d.provisioning()),
                roles(root.childOrEmpty("roles")),
                root.childPositiveDuration("lookup-timeout", d.lookupTimeout()),
                root.childBoolean("create-demo-account", d.createDemoAccount()),
                root.childPositiveDuration("reload-interval", d.reloadInterval()),
                root.childOrEmpty("gateways").childInt("max-sub-devices", d.maxSubDevices()));
    }

    private static ProvisioningSettings provisioning(final ConfigElement element, final ProvisioningSettings defaults)
            throws ConfigException {
        final var profiles = new ArrayList<ProvisionProfile>();
        final var keys = new HashSet<String>();
        for (final ConfigElement profile : element.children("profile")) {
            final String key = profile.childText("key").orElseThrow();
            if (!keys.add(key)) {
                throw profile.problem("another profile has the key '" + key + "'");
            }
            profiles.add(new ProvisionProfile(
                    key,
                    profile.childText("secret-hash").orElseThrow(),
                    ProvisionProfile.Strategy.valueOf(
                            profile.childText("strategy").orElseThrow()),
                    profile.childText("account").orElseThrow()));
        }
        return new ProvisioningSettings(
                profiles,
                element.childPositiveDuration("idle-timeout", defaults.idleTimeout()),
                element.childInt("sessions-per-minute", defaults.sessionsPerMinute()));
    }

    private static Map<Role, List<PermissionTemplate>> roles(final ConfigElement element) throws ConfigException {
        final var roles = new EnumMap<Role, List<PermissionTemplate>>(Role.class);
        for (final ConfigElement role : element.children("role")) {
            final Role name = Role.valueOf(role.attribute("name").orElseThrow());
            if (roles.containsKey(name)) {
                throw role.problem("role " + name + " is configured twice");
            }
            final var templates = new ArrayList<PermissionTemplate>();
            for (final ConfigElement permission : role.children("permission")) {
                final String filter = permission.childText("topic-filter").orElseThrow();
                final String unknown = filter.replaceAll("\\$\\{(account|device|client-id|username)}", "");
                if (unknown.contains("${")) {
                    throw permission.problem("unknown placeholder in '" + filter + "'; known are "
                            + String.join(", ", new TreeSet<>(PermissionTemplate.PLACEHOLDERS)));
                }
                templates.add(new PermissionTemplate(
                        filter,
                        TopicPermission.MqttActivity.valueOf(
                                permission.childText("activity").orElse("ALL")),
                        TopicPermission.Retain.valueOf(
                                permission.childText("retain").orElse("ALL")),
                        TopicPermission.SharedSubscription.valueOf(
                                permission.childText("shared-subscription").orElse("NOT_SHARED"))));
            }
            roles.put(name, List.copyOf(templates));
        }
        return roles;
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
}
