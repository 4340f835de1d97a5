package io.hiveiot.benchmarks.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time a local JVM's JIT compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre}) have used so
 * far, from {@code /proc/<pid>/task/<tid>/stat}. Every run starts a fresh broker JVM, and on two shared cores
 * its C2 compiler is still busy during the first tens of seconds of traffic: this tells how much of a
 * broker's CPU per message is compilation rather than the work itself. Threads that ended are not counted.
 */
public final class JitCpu {

    /** {@code USER_HZ}: the unit of utime and stime in /proc, 100 on Linux. */
    static final long TICKS_PER_SECOND = 100;

    private JitCpu() {}

    /** Empty where /proc cannot be read (not Linux, or the process is gone). */
    public static Optional<Duration> of(final long pid) {
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = 0;
            for (final Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    ticks += compilerTicks(Files.readString(thread.resolve("stat")));
                } catch (final IOException e) {
                    // The thread ended while we were reading: its time is not counted.
                }
            }
            return Optional.of(Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
        } catch (final IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** utime + stime of one {@code stat} line if its thread is a JIT compiler thread, else 0. */
    static long compilerTicks(final String stat) {
        final int open = stat.indexOf('(');
        // The name may contain spaces and parentheses: it ends at the last ')'.
        final int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        final String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        // After the name: state (field 3) ... utime is field 14, stime field 15.
        final String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
