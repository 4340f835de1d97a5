package io.hiveiot.distribution;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution's files checked without starting a broker. HiveMQ itself does not validate config.xml (it
 * ignores unknown elements, and falls back to a default config on 0.0.0.0:1883 if the file cannot be read), so
 * this test does.
 */
class DistributionFilesTest {

    /** What bin/hive-iot-broker defaults and exports. */
    private static final Set<String> SCRIPT_VARIABLES = Set.of(
            "HIVE_IOT_BIND_ADDRESS",
            "HIVE_IOT_MQTT_PORT",
            "HIVE_IOT_WS_PORT",
            "HIVE_IOT_MQTTS_PORT",
            "HIVE_IOT_WSS_PORT",
            "HIVE_IOT_TLS_KEYSTORE",
            "HIVE_IOT_TLS_KEYSTORE_PASSWORD",
            "HIVE_IOT_TLS_KEY_PASSWORD");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(.*?)}");
    /** A commented-out listener example: a comment that holds nothing but one tls-... listener element. */
    private static final Pattern LISTENER_EXAMPLE =
            Pattern.compile("<!--\\s*(<(tls-tcp-listener|tls-websocket-listener)>.*?</\\2>)\\s*-->", Pattern.DOTALL);

    private static final Path SOURCES =
            Path.of(System.getProperty("hive-iot.distribution.src", "src/main/distribution"));

    @TempDir
    Path temp;

    @Test
    void configXml_withPlaceholdersResolved_isValidAgainstHiveMqSchema() throws Exception {
        validateAgainstHiveMqSchema(resolvePlaceholders(configXml()));
    }

    @Test
    void configXml_hasTheTlsListenersOnByDefault() throws IOException {
        final String xml = configXml();
        assertTrue(xml.contains("<port>${HIVE_IOT_MQTTS_PORT}</port>"), "MQTT over TLS");
        assertTrue(xml.contains("<port>${HIVE_IOT_WSS_PORT}</port>"), "secure WebSocket");
        assertFalse(LISTENER_EXAMPLE.matcher(xml).find(), "no listener is commented out");
    }

    @Test
    void configXml_usesOnlyVariablesTheStartScriptExports() throws IOException {
        // HiveMQ resolves placeholders in comments too, and an unset one makes it drop the whole file.
        final var used = new TreeSet<String>();
        final var matcher = PLACEHOLDER.matcher(configXml());
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertEquals(new TreeSet<>(SCRIPT_VARIABLES), used);

        final var script = startScript();
        for (final var variable : SCRIPT_VARIABLES) {
            assertTrue(
                    script.contains(": \"${" + variable + ":=") || script.contains("\n    " + variable + "="),
                    variable + " has no default in the script");
            assertTrue(
                    Pattern.compile("(?m)^export .*\\b" + variable + "\\b")
                            .matcher(script)
                            .find(),
                    variable + " is not exported by the script");
        }
    }

    @Test
    void logbackXml_configuresWithoutWarnings_andLogsToTheLogFolder() throws Exception {
        final var context = new LoggerContext();
        // A context of its own, not the one the test JVM's slf4j uses; since logback 1.5 it needs its MDC adapter.
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            context.putProperty("hivemq.log.folder", temp.toString());
            final var configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(SOURCES.resolve("conf/logback.xml").toFile());

            final var statuses = context.getStatusManager().getCopyOfStatusList();
            final var problems = statuses.stream()
                    .filter(status -> status.getLevel() >= Status.WARN)
                    .toList();
            assertTrue(problems.isEmpty(), problems.toString());

            final var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertNotNull(root.getAppender("CONSOLE"));
            root.detachAppender("CONSOLE");
            context.getLogger("io.hiveiot.test").info("hello");
            assertTrue(Files.size(temp.resolve("hivemq.log")) > 0);
            assertEquals(
                    "WARN", context.getLogger("org.jooq").getEffectiveLevel().toString());
            assertEquals(
                    "INFO", context.getLogger("io.hiveiot").getEffectiveLevel().toString());
        } finally {
            context.stop();
        }
    }

    @Test
    void startScript_isValidPosixShell() throws Exception {
        final var process = new ProcessBuilder(
                        "sh", "-n", SOURCES.resolve("bin/hive-iot-broker").toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        final var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
    }

    private static String configXml() throws IOException {
        return Files.readString(SOURCES.resolve("conf/config.xml"));
    }

    private static String startScript() throws IOException {
        return Files.readString(SOURCES.resolve("bin/hive-iot-broker"));
    }

    private static String resolvePlaceholders(final String xml) {
        return xml.replace("${HIVE_IOT_BIND_ADDRESS}", "127.0.0.1")
                .replace("${HIVE_IOT_MQTT_PORT}", "1883")
                .replace("${HIVE_IOT_WS_PORT}", "8000")
                .replace("${HIVE_IOT_MQTTS_PORT}", "8883")
                .replace("${HIVE_IOT_WSS_PORT}", "8001")
                .replace("${HIVE_IOT_TLS_KEYSTORE}", "/var/lib/hive-iot/tls/hive-iot.p12")
                .replace("${HIVE_IOT_TLS_KEYSTORE_PASSWORD}", "secret")
                .replace("${HIVE_IOT_TLS_KEY_PASSWORD}", "secret");
    }

    private static void validateAgainstHiveMqSchema(final String xml) throws Exception {
        final var xsd = DistributionFilesTest.class.getClassLoader().getResource("config.xsd");
        assertNotNull(xsd, "config.xsd not on the test classpath");
        assertTrue(xsd.toString().contains("hivemq-community-edition-embedded"), "unexpected " + xsd);
        final var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        final var validator = factory.newSchema(xsd).newValidator();
        validator.validate(new StreamSource(new StringReader(xml)));
    }
}
