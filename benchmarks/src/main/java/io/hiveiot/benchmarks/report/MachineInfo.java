package io.hiveiot.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine a run measured, as the report prints it. */
public record MachineInfo(int cores, String cpu, long memoryBytes, String os, String jdk) {

    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+)\\s+kB");
    private static final Pattern MODEL = Pattern.compile("(?m)^model name\\s*:\\s*(.+)$");

    public static MachineInfo current() {
        final String cpuinfo = read("/proc/cpuinfo").orElse("");
        final Matcher model = MODEL.matcher(cpuinfo);
        final Matcher memory = MEM_TOTAL.matcher(read("/proc/meminfo").orElse(""));
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                model.find() ? model.group(1).trim() : System.getProperty("os.arch"),
                memory.find() ? Long.parseLong(memory.group(1)) * 1024 : -1,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")");
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    public static String loadAverage() {
        return read("/proc/loadavg")
                .map(text -> {
                    final String[] parts = text.trim().split("\\s+");
                    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : text.trim();
                })
                .orElse("n/a");
    }

    public String memory() {
        return memoryBytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f GiB", memoryBytes / 1024.0 / 1024 / 1024);
    }

    private static Optional<String> read(final String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
