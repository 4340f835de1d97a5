package io.hiveiot.tracking.config;

import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.InstallationDatabase;
import io.hiveiot.tracking.group.FamilyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackingConfigReaderTest {

    @TempDir
    Path temp;

    @Test
    void shippedExample_isValid_andSpellsOutTheDefaults() throws Exception {
        assertEquals(TrackingConfig.DEFAULTS, TrackingConfigReader.read(Path.of("src/main/extension/conf/config.xml")));
    }

    @Test
    void missingFile_meansDefaults() throws Exception {
        assertEquals(TrackingConfig.DEFAULTS, TrackingConfigReader.read(temp.resolve("config.xml")));
    }

    @Test
    void defaultDatabase_isTrackingDbInTheHiveIotDataFolder() {
        assertEquals(
                "jdbc:sqlite:" + temp.resolve("hive-iot/tracking.db").toAbsolutePath(),
                TrackingConfig.DEFAULTS
                        .database()
                        .settings(temp.resolve("hive-iot"), "tracking", InstallationDatabase.NONE)
                        .jdbcUrl());
    }

    @Test
    void families_groupsAndSettings_areRead() throws Exception {
        final TrackingConfig config = read("""
                <hive-iot-tracking>
                    <tracking-topic-prefix>trackers/in</tracking-topic-prefix>
                    <history><max-age>P7D</max-age></history>
                    <families>
                        <family name="foxtrackr" account="demo">
                            <group name="my_group_name"><device>12345</device><device>12346</device></group>
                            <group name="empty"/>
                        </family>
                    </families>
                </hive-iot-tracking>
                """);
        assertEquals("trackers/in", config.trackingTopicPrefix());
        assertEquals(Duration.ofDays(7), config.history().maxAge());
        assertEquals(
                TrackingConfig.DEFAULTS.history().purgeInterval(),
                config.history().purgeInterval());
        assertEquals(
                new FamilyConfig(
                        "foxtrackr", "demo", Map.of("my_group_name", Set.of("12345", "12346"), "empty", Set.of())),
                config.families().get(0));
    }

    @Test
    void unknownElement_isAnErrorWithItsLine() {
        final ConfigException e = assertThrows(ConfigException.class, () -> read("""
                <hive-iot-tracking>
                    <tracking-prefix>x</tracking-prefix>
                </hive-iot-tracking>
                """));
        assertEquals(2, e.line());
    }

    @Test
    void semanticErrors_nameTheirElement() {
        assertProblem("<families><family name=\"v1\" account=\"demo\"/></families>", "platform namespace");
        assertProblem("<families><family name=\"iotbind\" account=\"demo\"/></families>", "platform namespace");
        assertProblem(
                "<families><family name=\"f\" account=\"a\"/><family name=\"f\" account=\"b\"/></families>",
                "configured twice");
        assertProblem(
                "<families><family name=\"f\" account=\"a\"><group name=\"g\"><device>h</device></group>"
                        + "<group name=\"h\"/></family></families>",
                "both a group and a device");
        assertProblem("<async-timeout>PT5S</async-timeout>", "at least PT30S");
        assertProblem("<tracking-topic-prefix>iotbind/tracking/</tracking-topic-prefix>", "must not be empty");
        assertProblem("<tracking-topic-prefix>iotbind/#</tracking-topic-prefix>", "");
        assertProblem("<families><family name=\"a/b\" account=\"demo\"/></families>", "");
    }

    private void assertProblem(final String body, final String problem) {
        final ConfigException e = assertThrows(
                ConfigException.class, () -> read("<hive-iot-tracking>\n" + body + "\n</hive-iot-tracking>\n"), body);
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.line() > 0, e.getMessage());
    }

    private TrackingConfig read(final String xml) throws Exception {
        final Path file = temp.resolve("config.xml");
        Files.writeString(file, xml);
        return TrackingConfigReader.read(file);
    }
}
