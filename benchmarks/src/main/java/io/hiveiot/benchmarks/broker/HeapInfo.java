package io.hiveiot.benchmarks.broker;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the used Java heap out of {@code jcmd <pid> GC.heap_info}, and the resident set out of
 * {@code /proc/<pid>/status}. The heap is the sum of every {@code used <n>K} of the heap's lines
 * (G1 prints one, Serial and Parallel one per generation, ZGC {@code used <n>M}); Metaspace and class
 * space are not heap and are left out.
 */
public final class HeapInfo {

    private static final Pattern USED = Pattern.compile("\\bused\\s+(\\d+)([KMG])\\b");
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");

    private HeapInfo() {}

    public static OptionalLong usedHeapBytes(final String heapInfo) {
        long total = 0;
        boolean found = false;
        for (final String line : heapInfo.split("\\R")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            final Matcher matcher = USED.matcher(line);
            while (matcher.find()) {
                total += Long.parseLong(matcher.group(1)) * unit(matcher.group(2));
                found = true;
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    public static OptionalLong rssBytes(final String procStatus) {
        final Matcher matcher = VM_RSS.matcher(procStatus);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1)) * 1024) : OptionalLong.empty();
    }

    private static long unit(final String unit) {
        return switch (unit) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
    }
}
