package io.hiveiot.benchmarks.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JfrSummarizerTest {

    @Test
    void threadGroup_foldsPoolMembers() {
        assertEquals("hivemq-eventloop-child-#", JfrSummarizer.threadGroup("hivemq-eventloop-child-1"));
        assertEquals("pool-#-thread-#", JfrSummarizer.threadGroup("pool-12-thread-3"));
    }

    @Test
    void library_byPackagePrefix_mostSpecificFirst() {
        assertEquals(
                "hive-iot extensions (io.hiveiot)",
                JfrSummarizer.library("io.hiveiot.auth.connect.ConnectResolver.onConnect"));
        assertEquals(
                "HiveMQ extension system (com.hivemq.extensions)",
                JfrSummarizer.library("com.hivemq.extensions.executor.PluginTaskExecutor.run"));
        assertEquals(
                "HiveMQ (com.hivemq)", JfrSummarizer.library("com.hivemq.mqtt.handler.connect.ConnectHandler.connect"));
        assertNull(JfrSummarizer.library("java.util.HashMap.get"));
    }

    @Test
    void top_sortsByCountThenNameAndComputesShares() {
        final List<ProfileSummary.Share> top = JfrSummarizer.top(Map.of("b", 5L, "a", 5L, "c", 10L), 20, 2);
        assertEquals(List.of(new ProfileSummary.Share("c", 10, 50.0), new ProfileSummary.Share("a", 5, 25.0)), top);
    }
}
