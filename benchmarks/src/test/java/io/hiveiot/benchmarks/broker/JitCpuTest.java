package io.hiveiot.benchmarks.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JitCpuTest {

    private static String stat(final String name, final long utime, final long stime) {
        return "26033 (" + name + ") S 25993 25993 19876 0 -1 1077936192 0 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 55 0 1264851 3779988 78683 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";
    }

    @Test
    void compilerTicks_onlyOfTheJitCompilerThreads() {
        assertEquals(1217 + 20, JitCpu.compilerTicks(stat("C2 CompilerThre", 1217, 20)));
        assertEquals(202, JitCpu.compilerTicks(stat("C1 CompilerThre", 200, 2)));
        assertEquals(0, JitCpu.compilerTicks(stat("hivemq-eventloo", 900, 100)));
        // A name with spaces and parentheses ends at the last ')'.
        assertEquals(0, JitCpu.compilerTicks(stat("a) (b", 5, 5)));
        assertEquals(0, JitCpu.compilerTicks("garbage"));
    }

    @Test
    void of_thisJvm_readsProc() {
        // Pure parsing is tested above; this only checks that /proc of the running JVM is readable as expected.
        assertEquals(
                true,
                JitCpu.of(ProcessHandle.current().pid()).isPresent()
                        || !System.getProperty("os.name").equals("Linux"));
    }
}
