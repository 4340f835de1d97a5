package io.hiveiot.benchmarks.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The broker's memory as the idle scenario compares it: live heap after forced full GCs
 * ({@code jcmd GC.run}, twice, so that objects freed by the first one's reference processing go too),
 * and the resident set size of the whole process.
 */
public final class BrokerMemory {

    public record Sample(long heapUsedBytes, long rssBytes) {}

    private BrokerMemory() {}

    public static Sample sample(final long pid) throws InterruptedException {
        Jcmd.run(pid, "GC.run");
        Thread.sleep(500);
        Jcmd.run(pid, "GC.run");
        final long heap = HeapInfo.usedHeapBytes(Jcmd.run(pid, "GC.heap_info"))
                .orElseThrow(() -> new IllegalStateException("jcmd GC.heap_info printed no heap usage"));
        return new Sample(heap, rss(pid));
    }

    public static long rss(final long pid) {
        try {
            return HeapInfo.rssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")))
                    .orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/" + pid + "/status"));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }

    /** User plus system CPU time the process has used so far. */
    public static Optional<Duration> cpuTime(final long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration());
    }
}
