package io.hiveiot.distribution;

import io.hiveiot.testkit.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What bin/hive-iot-broker does around HiveMQ: finding its home, DISABLED warnings, refusing a broken Java. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StartScriptIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String AUTH_EXTENSION = "hive-iot-auth";

    @TempDir
    Path temp;

    private BrokerProcess broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void start_withDisabledFileInExtension_warnsNamingTheExtension_andHiveMqSkipsIt() throws IOException {
        final var extensions = temp.resolve("extensions");
        BrokerProcess.copyTree(BrokerProcess.distribution().resolve("extensions"), extensions);
        final var disabled = extensions.resolve(AUTH_EXTENSION).resolve("DISABLED");
        Files.createFile(disabled);
        final var mqttPort = FreePort.next();
        final var environment = brokerEnvironment(mqttPort);
        environment.put("HIVEMQ_EXTENSION_FOLDER", extensions.toString());

        final var given = DistributionIT.files(extensions);

        broker = BrokerProcess.start(script(), temp, temp.resolve("output"), environment);

        broker.awaitStderrContaining("extension '" + AUTH_EXTENSION + "' is disabled", START_TIMEOUT);
        assertTrue(broker.stderr().contains("rm '" + disabled + "'"), broker.output());
        // The warning is right: HiveMQ starts without the extension, which would have written first-run.txt.
        broker.awaitListening(mqttPort, START_TIMEOUT);
        assertFalse(Files.exists(temp.resolve("data/hive-iot/first-run.txt")), broker.output());
        // A folder the operator names is used as it is: the script copies nothing into it.
        assertEquals(given, DistributionIT.files(extensions));
    }

    @Test
    void start_throughSymlinkChainFromAnotherDirectory_findsItsHome() throws IOException {
        // links/broker -> relative link -> the real script: each hop must be resolved from its own folder.
        final var links = Files.createDirectories(temp.resolve("links"));
        final var nested = Files.createDirectories(temp.resolve("links/nested"));
        Files.createSymbolicLink(nested.resolve("broker"), script());
        Files.createSymbolicLink(links.resolve("broker"), Path.of("nested/broker"));
        final var elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        final var mqttPort = FreePort.next();

        broker = BrokerProcess.start(
                links.resolve("broker"), elsewhere, temp.resolve("output"), brokerEnvironment(mqttPort));

        // Our port (from conf/config.xml) and first-run.txt (from extensions/) prove the home was found.
        broker.awaitListening(mqttPort, START_TIMEOUT);
        broker.awaitFile(temp.resolve("data/hive-iot/first-run.txt"), START_TIMEOUT);
        assertTrue(
                broker.stdout()
                        .contains("HiveMQ home directory: "
                                + BrokerProcess.distribution().toRealPath()),
                broker.output());
    }

    @Test
    void start_withJavaHomeWithoutJava_failsWithMessage() throws IOException, InterruptedException {
        final var environment = brokerEnvironment(FreePort.next());
        environment.put("JAVA_HOME", temp.resolve("no-java").toString());

        broker = BrokerProcess.start(script(), temp, temp.resolve("output"), environment);

        assertEquals(1, broker.awaitExit(Duration.ofSeconds(10)), broker.output());
        assertTrue(broker.stderr().contains("JAVA_HOME"), broker.output());
    }

    private static Path script() {
        return BrokerProcess.distribution().resolve("bin/hive-iot-broker");
    }

    private Map<String, String> brokerEnvironment(final int mqttPort) throws IOException {
        final var environment = new HashMap<String, String>();
        environment.put("HIVE_IOT_MQTT_PORT", Integer.toString(mqttPort));
        environment.put("HIVE_IOT_WS_PORT", Integer.toString(FreePort.next()));
        environment.put("HIVE_IOT_INSTANCE", temp.resolve("instance").toString());
        environment.put("HIVEMQ_DATA_FOLDER", temp.resolve("data").toString());
        environment.put("HIVEMQ_LOG_FOLDER", temp.resolve("log").toString());
        return environment;
    }
}
