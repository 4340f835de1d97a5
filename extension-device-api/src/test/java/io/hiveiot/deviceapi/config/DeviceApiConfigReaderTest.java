package io.hiveiot.deviceapi.config;

import io.hiveiot.deviceapi.bucket.Bucket;
import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.deviceapi.payload.PayloadLimits;
import io.hiveiot.deviceapi.retention.RetentionSettings;
import io.hiveiot.deviceapi.rpc.RpcSettings;
import io.hiveiot.deviceapi.telemetry.TelemetrySettings;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.InstallationDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceApiConfigReaderTest {

    @TempDir
    Path temp;

    @Test
    void shippedExample_isValid_andSpellsOutTheDefaults() throws Exception {
        assertEquals(
                DeviceApiConfig.DEFAULTS, DeviceApiConfigReader.read(Path.of("src/main/extension/conf/config.xml")));
    }

    @Test
    void missingFile_meansDefaults() throws Exception {
        assertEquals(DeviceApiConfig.DEFAULTS, DeviceApiConfigReader.read(temp.resolve("config.xml")));
    }

    @Test
    void defaultDatabase_isDeviceDataDbInTheHiveIotDataFolder() {
        assertEquals(
                "jdbc:sqlite:" + temp.resolve("hive-iot/device-data.db").toAbsolutePath(),
                DeviceApiConfig.DEFAULTS
                        .database()
                        .settings(temp.resolve("hive-iot"), "device-data", InstallationDatabase.NONE)
                        .jdbcUrl());
    }

    @Test
    void everyValue_isRead() throws Exception {
        final DeviceApiConfig config = DeviceApiConfigReader.read(write("""
                <hive-iot-device-api>
                    <database>
                        <jdbc-url>jdbc:sqlite:/tmp/d.db</jdbc-url>
                        <busy-timeout>PT1S</busy-timeout>
                        <synchronous>FULL</synchronous>
                        <writer-queue-capacity>5</writer-queue-capacity>
                        <max-batch>7</max-batch>
                        <read-threads>3</read-threads>
                    </database>
                    <payload-limits>
                        <max-key-length>10</max-key-length>
                        <max-keys-per-message>11</max-keys-per-message>
                        <max-value-length>12</max-value-length>
                        <max-nesting-depth>13</max-nesting-depth>
                    </payload-limits>
                    <retention>
                        <telemetry-max-age>P30D</telemetry-max-age>
                        <purge-interval>PT10M</purge-interval>
                        <purge-batch-size>50</purge-batch-size>
                    </retention>
                    <async-timeout>PT45S</async-timeout>
                    <identity-fallback>true</identity-fallback>
                    <telemetry>
                        <chunk-points>100</chunk-points>
                        <chunk-span>PT10M</chunk-span>
                        <head-max-age>PT1M</head-max-age>
                    </telemetry>
                </hive-iot-device-api>
                """));
        assertEquals(
                new DatabaseConfig(
                        Optional.of("jdbc:sqlite:/tmp/d.db"),
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        true,
                        5,
                        7,
                        3,
                        OptionalInt.empty()),
                config.database());
        assertEquals(new PayloadLimits(10, 11, 12, 13), config.limits());
        assertEquals(new RetentionSettings(Duration.ofDays(30), 50), config.retention());
        assertEquals(Duration.ofMinutes(10), config.purgeInterval());
        assertEquals(Duration.ofSeconds(45), config.asyncTimeout());
        assertTrue(config.identityFallback());
        assertEquals(new TelemetrySettings(100, Duration.ofMinutes(10), Duration.ofMinutes(1)), config.telemetry());
    }

    @Test
    void asyncTimeout_shorterThan30Seconds_isRefused_withItsLine() throws Exception {
        final ConfigException e = assertThrows(
                ConfigException.class,
                () -> DeviceApiConfigReader.read(write(
                        "<hive-iot-device-api>\n  <async-timeout>PT29S</async-timeout>\n</hive-iot-device-api>\n")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("at least PT30S"), e.getMessage());
    }

    @Test
    void unknownElement_isRefused() throws Exception {
        final ConfigException e = assertThrows(
                ConfigException.class,
                () -> DeviceApiConfigReader.read(
                        write(
                                "<hive-iot-device-api>\n  <identity-falback>true</identity-falback>\n</hive-iot-device-api>\n")));
        assertEquals(2, e.line());
    }

    @Test
    void badValues_areRefused() throws Exception {
        for (final String element : new String[] {
            "<database><writer-queue-capacity>0</writer-queue-capacity></database>",
            "<database><jdbc-url>jdbc:mysql://x/y</jdbc-url></database>",
            "<payload-limits><max-nesting-depth>2</max-nesting-depth></payload-limits>",
            "<retention><telemetry-max-age>PT0S</telemetry-max-age></retention>",
            "<retention><purge-interval>soon</purge-interval></retention>",
            "<rpc><default-timeout>PT0S</default-timeout></rpc>",
            "<rpc><max-payload-size>0</max-payload-size></rpc>",
            "<telemetry><chunk-points>1</chunk-points></telemetry>",
            "<telemetry><head-max-age>PT0S</head-max-age></telemetry>",
            "<buckets><bucket><name>a b</name><account>demo</account><topic-filter>accounts/demo/#</topic-filter>"
                    + "</bucket></buckets>",
            "<buckets><bucket><name>a</name><account>demo</account><topic-filter>accounts/demo/x#</topic-filter>"
                    + "</bucket></buckets>"
        }) {
            assertThrows(
                    ConfigException.class,
                    () -> DeviceApiConfigReader.read(
                            write("<hive-iot-device-api>" + element + "</hive-iot-device-api>")),
                    element);
        }
    }

    @Test
    void buckets_areRead_andOneInAPlatformNamespace_isRefusedWithItsLine() throws Exception {
        final DeviceApiConfig config = DeviceApiConfigReader.read(write("""
                <hive-iot-device-api>
                    <rpc><client-side-timeout>PT5S</client-side-timeout></rpc>
                    <buckets>
                        <bucket><name>g</name><account>demo</account><topic-filter>accounts/demo/g/#</topic-filter></bucket>
                    </buckets>
                </hive-iot-device-api>
                """));
        assertEquals(List.of(Bucket.configured("g", "demo", new TopicFilter("accounts/demo/g/#"))), config.buckets());
        assertEquals(Duration.ofSeconds(5), config.rpc().clientSideTimeout());
        assertEquals(RpcSettings.DEFAULTS.defaultTimeout(), config.rpc().defaultTimeout());

        final ConfigException outside = assertThrows(
                ConfigException.class,
                () -> DeviceApiConfigReader.read(
                        write(
                                "<hive-iot-device-api>\n<buckets>\n<bucket><name>x</name><account>demo</account>"
                                        + "<topic-filter>users/demo/#</topic-filter></bucket>\n</buckets>\n</hive-iot-device-api>")));
        assertEquals(3, outside.line());
        assertTrue(outside.getMessage().contains("accounts/demo/"), outside.getMessage());
        final ConfigException anotherAccount = assertThrows(
                ConfigException.class,
                () -> DeviceApiConfigReader.read(
                        write(
                                "<hive-iot-device-api><buckets><bucket><name>x</name><account>demo</account>"
                                        + "<topic-filter>accounts/other/#</topic-filter></bucket></buckets></hive-iot-device-api>")));
        assertTrue(anotherAccount.getMessage().contains("accounts/demo/"), anotherAccount.getMessage());
        // for an account that holds the root topic space
        assertEquals(
                "sensors/#",
                DeviceApiConfigReader.read(write("<hive-iot-device-api><buckets><bucket><name>r"
                                + "</name><account>demo</account><topic-filter>sensors/#</topic-filter></bucket></buckets>"
                                + "</hive-iot-device-api>"))
                        .buckets()
                        .get(0)
                        .filter()
                        .filter());
        final ConfigException twice = assertThrows(
                ConfigException.class,
                () -> DeviceApiConfigReader.read(write("<hive-iot-device-api><buckets>"
                        + "<bucket><name>x</name><account>a</account><topic-filter>accounts/a/#</topic-filter></bucket>"
                        + "<bucket><name>x</name><account>b</account><topic-filter>accounts/b/#</topic-filter></bucket>"
                        + "</buckets></hive-iot-device-api>")));
        assertTrue(twice.getMessage().contains("a second bucket named 'x'"), twice.getMessage());
    }

    private Path write(final String xml) throws Exception {
        final Path file = temp.resolve("config.xml");
        Files.writeString(file, xml);
        return file;
    }
}
