package io.hiveiot.benchmarks.broker;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapSamplerTest {

    private static final String HEADER =
            "    S0C         S1C         S0U         S1U          EC           EU           OC"
                    + "           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT"
                    + "       GCT   ";

    @Test
    void usedBytes_sumsSurvivorsEdenAndOld_notMetaspace() {
        final String line = "        0.0      4096.0         0.0      4096.0     61440.0      20480.0      196608.0"
                + "       51200.5    70000.0    68000.0    9000.0    8500.0      12     0.100     0     0.000     4"
                + "     0.010     0.110";
        assertEquals(
                OptionalLong.of(Math.round((4096.0 + 20480.0 + 51200.5) * 1024)), HeapSampler.usedBytes(HEADER, line));
    }

    @Test
    void usedBytes_ofAnythingElse_isEmpty() {
        assertEquals(OptionalLong.empty(), HeapSampler.usedBytes(HEADER, "12345 not found"));
        assertEquals(OptionalLong.empty(), HeapSampler.usedBytes("Timestamp S0U", "1.0 2.0"));
    }
}
