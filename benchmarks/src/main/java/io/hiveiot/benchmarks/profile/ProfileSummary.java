package io.hiveiot.benchmarks.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/**
 * What a JFR recording of the broker says about where the time and the allocations went.
 *
 * @param executionSamples  samples of threads running Java code
 * @param hotMethods        top frames of those samples (self time)
 * @param hotCallers        the first frame outside the JDK of each sample: the library or application method
 *                          that was running, itself or through JDK code
 * @param hotHiveIotFrames  the topmost io.hiveiot frame of samples that have one: which extension code leads to the cost
 * @param libraries         share of samples with at least one frame of a library (inclusive time)
 * @param threads           samples by thread (numbers in names replaced by #)
 * @param nativeFrames      top frames of samples in native code, idle waits left out (SQLite runs there)
 * @param allocationByClass sampled allocation weight by allocated class
 * @param allocationBySite  sampled allocation weight by the first allocating frame outside the JDK
 */
public record ProfileSummary(
        String broker,
        String scenario,
        Duration recorded,
        long executionSamples,
        List<Share> hotMethods,
        List<Share> hotCallers,
        List<Share> hotHiveIotFrames,
        List<Share> libraries,
        List<Share> threads,
        long nativeSamples,
        List<Share> nativeFrames,
        long allocationBytes,
        List<Share> allocationByClass,
        List<Share> allocationBySite,
        long gcCount,
        Duration gcPauseTotal,
        double machineCpu,
        double jvmCpu) {

    /** One row: a name, its count (samples or bytes), and its share of the total in percent. */
    public record Share(String name, long count, double percent) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJson() {
        final ObjectNode node = JSON.createObjectNode()
                .put("type", "profile")
                .put("broker", broker)
                .put("scenario", scenario)
                .put("recorded_s", recorded.toMillis() / 1000.0)
                .put("execution_samples", executionSamples)
                .put("native_samples", nativeSamples)
                .put("allocation_bytes", allocationBytes)
                .put("gc_count", gcCount)
                .put("gc_pause_ms", gcPauseTotal.toNanos() / 1e6)
                .put("machine_cpu", machineCpu)
                .put("jvm_cpu", jvmCpu);
        shares(node.putArray("hot_methods"), hotMethods);
        shares(node.putArray("hot_callers"), hotCallers);
        shares(node.putArray("hot_hive_iot_frames"), hotHiveIotFrames);
        shares(node.putArray("libraries"), libraries);
        shares(node.putArray("threads"), threads);
        shares(node.putArray("native_frames"), nativeFrames);
        shares(node.putArray("allocation_by_class"), allocationByClass);
        shares(node.putArray("allocation_by_site"), allocationBySite);
        return node;
    }

    private static void shares(final ArrayNode array, final List<Share> shares) {
        shares.forEach(share -> array.addObject()
                .put("name", share.name())
                .put("count", share.count())
                .put("percent", Math.round(share.percent() * 10) / 10.0));
    }
}
