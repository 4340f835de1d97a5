package io.hiveiot.kit.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictXmlReaderTest {

    @TempDir
    Path temp;

    private final StrictXmlReader reader = new StrictXmlReader(getClass().getResource("/sample-config.xsd"));

    @Test
    void read_validFile_givesValuesAndLines() throws Exception {
        final ConfigElement root =
                reader.read(write("<sample>\n  <size>12</size>\n  <enabled>false</enabled>\n</sample>\n"));
        assertEquals(12, root.childInt("size", 1));
        assertFalse(root.childBoolean("enabled", true));
        assertEquals(2, root.child("size").orElseThrow().line());
        assertEquals("fallback", root.childText("name").orElse("fallback"));
    }

    @Test
    void leftOutSections_answerDefaults_andDurationChecksNameTheLine() throws Exception {
        final ConfigElement root = reader.read(write("<sample>\n  <timeout>PT0S</timeout>\n</sample>\n"));
        final ConfigElement absent = root.childOrEmpty("section");
        assertEquals(7, absent.childInt("size", 7));
        assertEquals(Duration.ofSeconds(3), absent.childPositiveDuration("timeout", Duration.ofSeconds(3)));
        final var zero =
                assertThrows(ConfigException.class, () -> root.childPositiveDuration("timeout", Duration.ofSeconds(1)));
        assertEquals(2, zero.line());
        final var shorter = assertThrows(
                ConfigException.class,
                () -> root.childDurationAtLeast("timeout", Duration.ofSeconds(1), Duration.ofSeconds(30), "or else"));
        assertTrue(shorter.getMessage().contains("must be at least PT30S: or else"), shorter.getMessage());
    }

    @Test
    void read_unknownElement_namesFileAndLine() throws Exception {
        final Path file = write("<sample>\n  <size>12</size>\n  <sise>3</sise>\n</sample>\n");
        final var error = assertThrows(ConfigException.class, () -> reader.read(file));
        assertEquals(3, error.line());
        assertTrue(error.getMessage().startsWith(file + ":3:"), error.getMessage());
        assertTrue(error.getMessage().contains("sise"), error.getMessage());
    }

    @Test
    void read_badValue_isAnError() throws Exception {
        final var error =
                assertThrows(ConfigException.class, () -> reader.read(write("<sample><size>-4</size></sample>")));
        assertEquals(1, error.line());
        assertTrue(error.problem().contains("-4"), error.problem());
    }

    @Test
    void read_doctype_isRefused() throws Exception {
        final Path file =
                write("<?xml version=\"1.0\"?>\n<!DOCTYPE sample [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                        + "<sample><name>&x;</name></sample>");
        assertThrows(ConfigException.class, () -> reader.read(file));
    }

    @Test
    void read_missingFile_isAnErrorWithoutLine() {
        final var error = assertThrows(ConfigException.class, () -> reader.read(temp.resolve("absent.xml")));
        assertEquals(0, error.line());
    }

    @Test
    void problem_ofElement_carriesItsLine() throws Exception {
        final ConfigElement root = reader.read(write("<sample>\n\n  <name>x</name>\n</sample>"));
        final ConfigException problem = root.child("name").orElseThrow().problem("not allowed here");
        assertEquals(3, problem.line());
        assertTrue(problem.getMessage().endsWith("<name>: not allowed here"), problem.getMessage());
    }

    private Path write(final String xml) throws Exception {
        final Path file = temp.resolve("config.xml");
        Files.writeString(file, xml);
        return file;
    }
}
