package io.hiveiot.benchmarks.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's used heap sampled while it works, without forcing a GC: one {@code jstat -gc <pid> <ms>} for the
 * whole sampling, which reads the JVM's perf-data memory. {@code jcmd GC.heap_info} (what {@link BrokerMemory} uses
 * after forced GCs) starts a JVM per sample, about 0.2 s of CPU each: every 500 ms on two shared cores that would
 * take CPU from the broker being measured. Used heap is survivors + eden + old ({@code S0U S1U EU OU}), garbage
 * included: the peak is what the broker's heap had to hold between collections.
 */
public final class HeapSampler implements AutoCloseable {

    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    private final Process process;
    private final Thread reader;
    private final AtomicLong peak = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();

    private HeapSampler(final Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "heap-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    /** Empty when there is no jstat beside the running JDK's java. */
    public static Optional<HeapSampler> start(final long pid, final Duration interval) {
        final Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(jstat)) {
            return Optional.empty();
        }
        try {
            final Process process = new ProcessBuilder(
                            jstat.toString(),
                            "-gc",
                            Long.toString(pid),
                            Long.toString(Math.max(1, interval.toMillis())))
                    .redirectErrorStream(true)
                    .start();
            return Optional.of(new HeapSampler(process));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }

    /** The largest used heap sampled so far. */
    public OptionalLong peakBytes() {
        final long value = peak.get();
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String header = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (header == null) {
                    header = line;
                    continue;
                }
                usedBytes(header, line).ifPresent(used -> {
                    samples.incrementAndGet();
                    peak.accumulateAndGet(used, Math::max);
                });
            }
        } catch (final IOException e) {
            // jstat ended (the sampling was closed, or the broker stopped): the samples so far stand.
        }
    }

    /** Used heap in bytes from one line of {@code jstat -gc} under its header; empty for anything else. */
    static OptionalLong usedBytes(final String header, final String line) {
        final List<String> names = List.of(header.trim().split("\\s+"));
        final String[] values = line.trim().split("\\s+");
        if (values.length != names.size() || !names.containsAll(USED_COLUMNS)) {
            return OptionalLong.empty();
        }
        double kib = 0;
        try {
            for (final String column : USED_COLUMNS) {
                kib += Double.parseDouble(values[names.indexOf(column)]);
            }
        } catch (final NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(kib * 1024));
    }
}
