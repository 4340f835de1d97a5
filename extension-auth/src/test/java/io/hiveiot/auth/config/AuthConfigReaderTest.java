package io.hiveiot.auth.config;

import io.hiveiot.auth.connect.LoginThrottle;
import io.hiveiot.auth.credential.CacheSettings;
import io.hiveiot.kit.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthConfigReaderTest {

    @TempDir
    Path temp;

    @Test
    void shippedExample_isValid_andSpellsOutTheDefaults() throws Exception {
        assertEquals(AuthConfig.DEFAULTS, AuthConfigReader.read(Path.of("src/main/extension/conf/config.xml")));
    }

    @Test
    void missingFile_meansDefaults() throws Exception {
        assertEquals(AuthConfig.DEFAULTS, AuthConfigReader.read(temp.resolve("config.xml")));
    }

    @Test
    void everyValue_isRead() throws Exception {
        final AuthConfig config = AuthConfigReader.read(write("""
                <hive-iot-auth>
                    <database>
                        <jdbc-url>jdbc:sqlite:/tmp/x.db</jdbc-url>
                        <busy-timeout>PT1S</busy-timeout>
                        <synchronous>FULL</synchronous>
                        <writer-queue-capacity>5</writer-queue-capacity>
                        <read-threads>3</read-threads>
                    </database>
                    <credential-cache>
                        <maximum-size>7</maximum-size>
                        <expire-after>PT1H</expire-after>
                        <unknown-expire-after>PT0.5S</unknown-expire-after>
                    </credential-cache>
                    <passwords>
                        <hash-iterations>10000</hash-iterations>
                        <verification-threads>1</verification-threads>
                        <verified-cache-size>9</verified-cache-size>
                        <verified-expire-after>PT2M</verified-expire-after>
                    </passwords>
                    <applications>
                        <client-id-pattern>^app-${username}-[0-9]+$</client-id-pattern>
                    </applications>
                    <throttling>
                        <max-failures>2</max-failures>
                        <max-failures-per-address>20</max-failures-per-address>
                        <window>PT30S</window>
                        <ban>PT5M</ban>
                    </throttling>
                    <lookup-timeout>PT2S</lookup-timeout>
                    <create-demo-account>false</create-demo-account>
                </hive-iot-auth>
                """));
        assertEquals(Optional.of("jdbc:sqlite:/tmp/x.db"), config.database().jdbcUrl());
        assertEquals(Duration.ofSeconds(1), config.database().busyTimeout());
        assertTrue(config.database().synchronousFull());
        assertEquals(5, config.database().writerQueueCapacity());
        assertEquals(3, config.database().readThreads());
        assertEquals(new CacheSettings(7, Duration.ofHours(1), Duration.ofMillis(500)), config.credentialCache());
        assertEquals(new AuthConfig.PasswordSettings(10_000, 1, 9, Duration.ofMinutes(2)), config.passwords());
        assertEquals("^app-${username}-[0-9]+$", config.appClientIdPattern());
        assertEquals(
                new LoginThrottle.Settings(2, 20, Duration.ofSeconds(30), Duration.ofMinutes(5)), config.throttling());
        assertEquals(Duration.ofSeconds(2), config.lookupTimeout());
        assertFalse(config.createDemoAccount());
    }

    @Test
    void unknownElement_isRefusedWithItsLine() throws Exception {
        final Path file = write(
                "<hive-iot-auth>\n  <credential-cache>\n    <max-size>5</max-size>\n  </credential-cache>\n</hive-iot-auth>\n");
        final var error = assertThrows(ConfigException.class, () -> AuthConfigReader.read(file));
        assertEquals(3, error.line());
        assertTrue(error.getMessage().startsWith(file + ":3:"), error.getMessage());
    }

    @Test
    void sessionEviction_isNoLongerASetting_sessionsAreDecidedPerCredential() throws Exception {
        final Path file = write("<hive-iot-auth>\n  <session-eviction>true</session-eviction>\n</hive-iot-auth>\n");
        final var error = assertThrows(ConfigException.class, () -> AuthConfigReader.read(file));
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("session-eviction"), error.getMessage());
    }

    @Test
    void malformedValues_areRefused() throws Exception {
        for (final String bad : new String[] {
            "<create-demo-account>yes</create-demo-account>",
            "<lookup-timeout>5s</lookup-timeout>",
            "<database><read-threads>0</read-threads></database>",
            "<database><synchronous>OFF</synchronous></database>",
            "<database><jdbc-url>jdbc:mysql://x/y</jdbc-url></database>",
            "<credential-cache><maximum-size>-1</maximum-size></credential-cache>",
            "<passwords><hash-iterations>1000</hash-iterations></passwords>",
            "<applications><client-id-pattern>^(unclosed$</client-id-pattern></applications>"
        }) {
            final Path file = write("<hive-iot-auth>\n" + bad + "\n</hive-iot-auth>\n");
            final var error = assertThrows(ConfigException.class, () -> AuthConfigReader.read(file), bad);
            assertEquals(2, error.line(), bad + " -> " + error.getMessage());
        }
    }

    @Test
    void roles_withUnknownPlaceholderOrTwice_areRefusedWithTheirLine() throws Exception {
        final var unknown = assertThrows(
                ConfigException.class,
                () -> AuthConfigReader.read(write(
                        "<hive-iot-auth><roles>\n<role name=\"APP\">\n<permission><topic-filter>a/${tenant}</topic-filter>"
                                + "</permission></role></roles></hive-iot-auth>")));
        assertEquals(3, unknown.line());
        assertTrue(unknown.getMessage().contains("${tenant}"), unknown.getMessage());
        final var twice = assertThrows(
                ConfigException.class,
                () -> AuthConfigReader.read(write(
                        "<hive-iot-auth><roles>\n<role name=\"APP\"/>\n<role name=\"APP\"/></roles></hive-iot-auth>")));
        assertEquals(3, twice.line());
    }

    @Test
    void zeroDuration_isRefusedWithItsLine() throws Exception {
        final Path file = write("<hive-iot-auth>\n\n  <lookup-timeout>PT0S</lookup-timeout>\n</hive-iot-auth>\n");
        final var error = assertThrows(ConfigException.class, () -> AuthConfigReader.read(file));
        assertEquals(3, error.line());
        assertTrue(error.getMessage().contains("longer than zero"), error.getMessage());
    }

    @Test
    void notWellFormed_isRefused() throws Exception {
        final var error = assertThrows(
                ConfigException.class,
                () -> AuthConfigReader.read(write("<hive-iot-auth>\n<database>\n</hive-iot-auth>\n")));
        assertEquals(3, error.line());
    }

    private Path write(final String xml) throws Exception {
        final Path file = temp.resolve("config.xml");
        Files.writeString(file, xml);
        return file;
    }
}
