package io.hiveiot.benchmarks.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void parse_valuesFlagsAndEqualsForms_areRead() {
        final Options options = Options.parse(List.of("--devices", "5_000", "--jfr", "--out=results", "--hold", "2.5"),
                Set.of("jfr"));
        assertEquals(5000, options.integer("devices", 1, 1, 10_000));
        assertTrue(options.flag("jfr"));
        assertFalse(options.flag("keep-workspace"));
        assertEquals("results", options.text("out", "x"));
        assertEquals(Duration.ofMillis(2500), options.seconds("hold", Duration.ZERO, Duration.ofMinutes(1)));
        assertEquals(List.of("connect", "idle@3"), options.list("scenarios", "connect, idle@3,"));
        options.requireAllRead();
    }

    @Test
    void requireAllRead_withATypo_namesTheUnknownOption() {
        final Options options = Options.parse(List.of("--devcies", "10"), Set.of());
        options.integer("devices", 1, 1, 10);
        final var error = assertThrows(IllegalArgumentException.class, options::requireAllRead);
        assertTrue(error.getMessage().contains("--devcies"), error.getMessage());
    }

    @Test
    void integer_outOfRangeOrNotANumber_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--devices", "0"), Set.of()).integer("devices", 1, 1, 10));
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--devices", "many"), Set.of()).integer("devices", 1, 1, 10));
    }

    @Test
    void parse_malformed_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("devices"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--devices"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--a", "1", "--a", "2"), Set.of()));
    }
}
