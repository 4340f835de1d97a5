package io.hiveiot.console.config;

import io.hiveiot.kit.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleConfigReaderTest {

    private static final ConsoleConfig DEFAULTS =
            new ConsoleConfig(8080, "127.0.0.1", 4, 64, Optional.empty(), Optional.empty(), "/mqtt");

    @TempDir
    Path temp;

    @Test
    void shippedExample_isValid_andSpellsOutTheDefaults() throws Exception {
        assertEquals(DEFAULTS, read(Path.of("src/main/extension/conf/config.xml"), Map.of()));
    }

    @Test
    void missingFile_meansDefaults() throws Exception {
        assertEquals(DEFAULTS, read(temp.resolve("config.xml"), Map.of()));
    }

    @Test
    void portAndBindAddress_leftOut_comeFromTheDistributionsVariables() throws Exception {
        final ConsoleConfig config = read(
                Path.of("src/main/extension/conf/config.xml"),
                Map.of("HIVE_IOT_HTTP_PORT", "9090", "HIVE_IOT_BIND_ADDRESS", "0.0.0.0"));
        assertEquals(9090, config.port());
        assertEquals("0.0.0.0", config.bindAddress());
    }

    @Test
    void portInTheFile_winsOverTheVariable() throws Exception {
        final ConsoleConfig config = read(
                write("<hive-iot-console><http><port>7070</port></http></hive-iot-console>"),
                Map.of("HIVE_IOT_HTTP_PORT", "9090"));
        assertEquals(7070, config.port());
    }

    @Test
    void badPortVariable_isRefused_namingTheVariable() {
        final ConfigException e = assertThrows(
                ConfigException.class, () -> read(temp.resolve("config.xml"), Map.of("HIVE_IOT_HTTP_PORT", "80a")));
        assertTrue(e.getMessage().contains("HIVE_IOT_HTTP_PORT='80a'"), e.getMessage());
    }

    @Test
    void everyValue_isRead_withTheKeystoreRelativeToTheBrokersHome() throws Exception {
        Files.createDirectories(temp.resolve("conf"));
        Files.write(temp.resolve("conf/console.p12"), new byte[] {1});
        final ConsoleConfig config = read(write("""
                <hive-iot-console>
                    <http>
                        <port>8443</port>
                        <bind-address>::1</bind-address>
                        <threads>2</threads>
                        <queue-size>10</queue-size>
                    </http>
                    <tls>
                        <keystore>
                            <path>conf/console.p12</path>
                            <password>secret</password>
                            <type>JKS</type>
                        </keystore>
                    </tls>
                    <websocket-url>wss://broker.example.com/mqtt</websocket-url>
                    <websocket-path>/ws</websocket-path>
                </hive-iot-console>
                """), Map.of());
        assertEquals(
                new ConsoleConfig(
                        8443,
                        "::1",
                        2,
                        10,
                        Optional.of(new ConsoleConfig.Keystore(
                                temp.resolve("conf/console.p12").toAbsolutePath(), "secret", "JKS")),
                        Optional.of("wss://broker.example.com/mqtt"),
                        "/ws"),
                config);
        assertTrue(!config.tls().orElseThrow().toString().contains("secret"), "the password is never printed");
    }

    @Test
    void missingKeystore_isRefused_atItsLine() throws Exception {
        final ConfigException e = assertThrows(ConfigException.class, () -> read(write("""
                <hive-iot-console>
                    <tls>
                        <keystore>
                            <path>conf/missing.p12</path>
                            <password>x</password>
                        </keystore>
                    </tls>
                </hive-iot-console>
                """), Map.of()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("missing.p12"), e.getMessage());
    }

    @Test
    void unknownElementOrBadValue_isRefused() throws Exception {
        assertThrows(
                ConfigException.class,
                () -> read(write("<hive-iot-console><http><prot>1</prot></http></hive-iot-console>"), Map.of()));
        assertThrows(
                ConfigException.class,
                () -> read(write("<hive-iot-console><http><port>70000</port></http></hive-iot-console>"), Map.of()));
        assertThrows(
                ConfigException.class,
                () -> read(
                        write("<hive-iot-console><websocket-url>http://x/mqtt</websocket-url></hive-iot-console>"),
                        Map.of()));
    }

    private ConsoleConfig read(final Path file, final Map<String, String> variables) throws ConfigException {
        return ConsoleConfigReader.read(file, temp, variables::get);
    }

    private Path write(final String xml) throws Exception {
        final Path file = temp.resolve("config-" + System.nanoTime() + ".xml");
        Files.writeString(file, xml);
        return file;
    }
}
