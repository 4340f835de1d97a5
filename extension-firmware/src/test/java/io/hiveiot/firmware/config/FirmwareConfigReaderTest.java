package io.hiveiot.firmware.config;

import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.InstallationDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirmwareConfigReaderTest {

    @TempDir
    Path temp;

    @Test
    void shippedExample_isValid_andSpellsOutTheDefaults() throws Exception {
        assertEquals(FirmwareConfig.DEFAULTS, FirmwareConfigReader.read(Path.of("src/main/extension/conf/config.xml")));
    }

    @Test
    void missingFile_meansDefaults() throws Exception {
        assertEquals(FirmwareConfig.DEFAULTS, FirmwareConfigReader.read(temp.resolve("config.xml")));
    }

    @Test
    void defaultDatabase_isFirmwareDbInTheHiveIotDataFolder() {
        assertEquals(
                "jdbc:sqlite:" + temp.resolve("hive-iot/firmware.db").toAbsolutePath(),
                FirmwareConfig.DEFAULTS
                        .database()
                        .settings(temp.resolve("hive-iot"), "firmware", InstallationDatabase.NONE)
                        .jdbcUrl());
    }

    @Test
    void everyValue_isRead() throws Exception {
        final FirmwareConfig config = FirmwareConfigReader.read(write("""
                <hive-iot-firmware>
                    <database>
                        <jdbc-url>jdbc:sqlite:/tmp/f.db</jdbc-url>
                        <busy-timeout>PT1S</busy-timeout>
                        <synchronous>FULL</synchronous>
                        <writer-queue-capacity>5</writer-queue-capacity>
                        <max-batch>7</max-batch>
                        <read-threads>3</read-threads>
                    </database>
                    <packages>
                        <max-size>1000</max-size>
                        <upload-expiry>PT5M</upload-expiry>
                    </packages>
                    <chunks>
                        <cache-max-bytes>2000</cache-max-bytes>
                        <max-chunk-size>512</max-chunk-size>
                    </chunks>
                    <async-timeout>PT45S</async-timeout>
                    <identity-fallback>true</identity-fallback>
                </hive-iot-firmware>
                """));
        assertEquals(
                new FirmwareConfig(
                        new DatabaseConfig(
                                Optional.of("jdbc:sqlite:/tmp/f.db"),
                                Optional.empty(),
                                Optional.empty(),
                                Duration.ofSeconds(1),
                                true,
                                5,
                                7,
                                3,
                                OptionalInt.empty()),
                        1000,
                        Duration.ofMinutes(5),
                        2000,
                        512,
                        Duration.ofSeconds(45),
                        true),
                config);
    }

    @Test
    void packageLargerThanTheCache_isRefused_atTheLineOfMaxSize() throws Exception {
        final ConfigException e = assertThrows(ConfigException.class, () -> FirmwareConfigReader.read(write("""
                <hive-iot-firmware>
                    <packages>
                        <max-size>5000</max-size>
                    </packages>
                    <chunks>
                        <cache-max-bytes>4000</cache-max-bytes>
                    </chunks>
                </hive-iot-firmware>
                """)));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("must not exceed chunks/cache-max-bytes"), e.getMessage());
    }

    @Test
    void shortAsyncTimeout_unknownElement_andBadValue_areRefusedWithTheirLine() throws Exception {
        assertEquals(
                2,
                assertThrows(
                                ConfigException.class,
                                () -> FirmwareConfigReader.read(
                                        write(
                                                "<hive-iot-firmware>\n  <async-timeout>PT5S</async-timeout>\n</hive-iot-firmware>\n")))
                        .line());
        assertEquals(
                3,
                assertThrows(
                                ConfigException.class,
                                () -> FirmwareConfigReader.read(write(
                                        "<hive-iot-firmware>\n  <chunks>\n    <max-chunk-sise>5</max-chunk-sise>\n  </chunks>\n"
                                                + "</hive-iot-firmware>\n")))
                        .line());
        assertEquals(
                2,
                assertThrows(
                                ConfigException.class,
                                () -> FirmwareConfigReader.read(write(
                                        "<hive-iot-firmware>\n  <chunks><max-chunk-size>0</max-chunk-size></chunks>\n"
                                                + "</hive-iot-firmware>\n")))
                        .line());
    }

    private Path write(final String xml) throws Exception {
        final Path file = temp.resolve("config.xml");
        Files.writeString(file, xml);
        return file;
    }
}
