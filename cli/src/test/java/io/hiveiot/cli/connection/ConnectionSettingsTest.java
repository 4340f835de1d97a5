package io.hiveiot.cli.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each connection setting comes from: flag, else environment, else first-run.txt. */
class ConnectionSettingsTest {

    @TempDir
    Path home;

    @Test
    void withoutFlagsOrEnvironment_theDistributionsFirstRunFileIsUsed() throws Exception {
        writeFirstRun(home.resolve("data"));
        final ConnectionSettings settings = resolve(Map.of());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(1883, settings.port());
        assertEquals("demo", settings.appId());
        assertEquals("first-run-secret", settings.appSecret());
        assertEquals("demo", settings.account());
        assertEquals(Duration.ofSeconds(30), settings.timeout());
    }

    @Test
    void hivemqDataFolder_relativeToHome_pointsToAnotherFirstRunFile() throws Exception {
        writeFirstRun(home.resolve("elsewhere"));
        assertEquals(
                "first-run-secret",
                resolve(Map.of("HIVEMQ_DATA_FOLDER", "elsewhere")).appSecret());
    }

    @Test
    void environment_winsOverFirstRun_andFlags_winOverEnvironment() throws Exception {
        writeFirstRun(home.resolve("data"));
        final Map<String, String> environment =
                Map.of("HIVE_IOT_HOST", "broker.local", "HIVE_IOT_PORT", "1884", "HIVE_IOT_APP_SECRET", "env-secret");
        final ConnectionSettings fromEnvironment = resolve(environment);
        assertEquals("broker.local", fromEnvironment.host());
        assertEquals(1884, fromEnvironment.port());
        assertEquals("env-secret", fromEnvironment.appSecret());

        final ConnectionSettings fromFlags = resolve(
                environment, "--host", "127.0.0.2", "--port", "1885", "--app-secret", "flag-secret", "--timeout", "5s");
        assertEquals("127.0.0.2", fromFlags.host());
        assertEquals(1885, fromFlags.port());
        assertEquals("flag-secret", fromFlags.appSecret());
        assertEquals(Duration.ofSeconds(5), fromFlags.timeout());
    }

    @Test
    void anotherAppId_neverGetsTheFirstRunSecret() throws Exception {
        writeFirstRun(home.resolve("data"));
        final ConnectionProblem missing =
                assertThrows(ConnectionProblem.class, () -> resolve(Map.of("HIVE_IOT_APP_ID", "acme")));
        assertTrue(
                missing.getMessage().contains("no application secret given for app id 'acme'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("holds the one of 'demo' only"), missing.getMessage());
        final ConnectionSettings acme = resolve(Map.of("HIVE_IOT_APP_ID", "acme", "HIVE_IOT_APP_SECRET", "s"));
        assertEquals("acme", acme.account(), "the account defaults to the app id");
    }

    @Test
    void tls_defaultsToPort8883() {
        final ConnectionSettings tls =
                resolve(Map.of("HIVE_IOT_APP_ID", "a", "HIVE_IOT_APP_SECRET", "s"), "--tls", "--insecure");
        assertEquals(8883, tls.port());
        assertTrue(tls.tls().orElseThrow().insecure());
    }

    @Test
    void toString_neverShowsTheSecret() {
        final ConnectionSettings settings = resolve(Map.of("HIVE_IOT_APP_ID", "a", "HIVE_IOT_APP_SECRET", "hush"));
        assertFalse(settings.toString().contains("hush"), settings.toString());
    }

    @Test
    void aBadPort_isAConnectionProblemNamingTheRange() {
        final ConnectionProblem bad = assertThrows(
                ConnectionProblem.class,
                () -> resolve(Map.of("HIVE_IOT_PORT", "70000", "HIVE_IOT_APP_ID", "a", "HIVE_IOT_APP_SECRET", "s")));
        assertTrue(bad.hint().contains("between 1 and 65535"), bad.hint());
    }

    private ConnectionSettings resolve(final Map<String, String> environment, final String... flags) {
        final ConnectionOptions options = new ConnectionOptions();
        new CommandLine(options).parseArgs(flags);
        return ConnectionSettings.resolve(
                options, new CliEnvironment(new HashMap<>(environment), Optional.of(home), Clock.systemUTC()));
    }

    private static void writeFirstRun(final Path dataFolder) throws Exception {
        Files.createDirectories(dataFolder.resolve("hive-iot"));
        Files.writeString(dataFolder.resolve("hive-iot/first-run.txt"), """
                account=demo
                app-id=demo
                app-secret=first-run-secret
                device=demo-device
                device-token=abc
                """);
    }
}
