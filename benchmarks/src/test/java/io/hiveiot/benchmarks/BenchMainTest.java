package io.hiveiot.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchMainTest {

    @Test
    void quote_onlyWhatTheShellWouldSplit() {
        assertEquals("--devices", BenchMain.quote("--devices"));
        assertEquals("connect@3,idle", BenchMain.quote("connect@3,idle"));
        assertEquals("'tok-{run}-{i}'", BenchMain.quote("tok-{run}-{i}"));
        assertEquals("'it'\\''s'", BenchMain.quote("it's"));
    }
}
