package io.hiveiot.auth.config;

import io.hiveiot.auth.acl.PermissionTemplate;
import io.hiveiot.auth.connect.LoginThrottle;
import io.hiveiot.auth.credential.CacheSettings;
import io.hiveiot.auth.provision.ProvisioningSettings;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.identity.Role;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * hive-iot-auth's configuration, immutable once read. Defaults live in {@link #DEFAULTS} and nowhere
 * else; the shipped {@code conf/config.xml} spells them out for operators.
 *
 * @param database           auth.db's settings
 * @param appClientIdPattern the client IDs an account's applications may connect with, a regex in
 *                           which {@code ${username}} stands for the AppID
 * @param lookupTimeout     a CONNECT whose credential lookup takes longer is refused as unavailable
 * @param createDemoAccount seed account {@code demo} on first start with an empty registry
 * @param reloadInterval    how often the file is checked for changes to roles and provision profiles
 * @param roles             roles whose built-in permissions the config replaces
 * @param maxSubDevices     how many sub-devices one gateway may create
 */
public record AuthConfig(
        DatabaseConfig database,
        CacheSettings credentialCache,
        PasswordSettings passwords,
        String appClientIdPattern,
        LoginThrottle.Settings throttling,
        ProvisioningSettings provisioning,
        Map<Role, List<PermissionTemplate>> roles,
        Duration lookupTimeout,
        boolean createDemoAccount,
        Duration reloadInterval,
        int maxSubDevices) {

    public static final AuthConfig DEFAULTS = new AuthConfig(
            DatabaseConfig.DEFAULTS,
            new CacheSettings(100_000, Duration.ofMinutes(10), Duration.ofSeconds(10)),
            new PasswordSettings(210_000, 2, 100_000, Duration.ofHours(1)),
            "^${username}(/[-_0-9a-zA-Z]{0,36})?$",
            new LoginThrottle.Settings(5, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)),
            ProvisioningSettings.NONE,
            Map.of(),
            Duration.ofSeconds(5),
            true,
            Duration.ofSeconds(5),
            10_000);

    /**
     * @param hashIterations       PBKDF2 iterations of newly stored passwords and secrets
     * @param verificationThreads  threads that check passwords, so a broker thread never does
     * @param verifiedCacheSize    successful checks remembered (without the password)
     * @param verifiedExpireAfter  how long a successful check is remembered
     */
    public record PasswordSettings(
            int hashIterations, int verificationThreads, int verifiedCacheSize, Duration verifiedExpireAfter) {}
}
