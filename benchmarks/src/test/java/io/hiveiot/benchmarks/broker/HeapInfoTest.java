package io.hiveiot.benchmarks.broker;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapInfoTest {

    @Test
    void usedHeapBytes_g1_readsTheHeapLineOnly() {
        final String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 39533K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 2 young (2048K), 0 survivors (0K)
                 Metaspace       used 45678K, committed 46000K, reserved 1114112K
                  class space    used 5678K, committed 6000K, reserved 1048576K
                """;
        assertEquals(OptionalLong.of(39533L * 1024), HeapInfo.usedHeapBytes(g1));
    }

    @Test
    void usedHeapBytes_parallelAndSerial_sumTheGenerations() {
        final String parallel = """
                 PSYoungGen      total 76288K, used 3932K [0x000000076b400000, 0x0000000770900000, 0x00000007c0000000)
                  eden space 65536K, 6% used [0x000000076b400000,0x000000076b7d7240,0x000000076f400000)
                 ParOldGen       total 175104K, used 1000K [0x00000006c1c00000, 0x00000006cc700000, 0x000000076b400000)
                 Metaspace       used 3000K, committed 3200K, reserved 1056768K
                """;
        assertEquals(OptionalLong.of((3932L + 1000) * 1024), HeapInfo.usedHeapBytes(parallel));
        final String serial = """
                 def new generation   total 9792K, used 1190K [0x00000000c0000000, 0x00000000c0aa0000, 0x00000000d5550000)
                  eden space 8704K,  13% used [0x00000000c0000000, 0x00000000c01298e0, 0x00000000c0880000)
                 tenured generation   total 21888K, used 100K [0x00000000d5550000, 0x00000000d6ab0000, 0x0000000100000000)
                """;
        assertEquals(OptionalLong.of(1290L * 1024), HeapInfo.usedHeapBytes(serial));
    }

    @Test
    void usedHeapBytes_zgc_readsMegabytes() {
        assertEquals(
                OptionalLong.of(8L * 1024 * 1024),
                HeapInfo.usedHeapBytes(" ZHeap           used 8M, capacity 256M, max capacity 4096M\n"));
    }

    @Test
    void usedHeapBytes_noHeapLine_isEmpty() {
        assertEquals(OptionalLong.empty(), HeapInfo.usedHeapBytes("12345:\nCommand executed successfully\n"));
    }

    @Test
    void rssBytes_readsVmRss() {
        final String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";
        assertEquals(OptionalLong.of(123456L * 1024), HeapInfo.rssBytes(status));
        assertEquals(OptionalLong.empty(), HeapInfo.rssBytes("Name:\tjava\n"));
    }
}
