package io.hiveiot.benchmarks.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's {@code jcmd} (the one of the JDK running the benchmarks) against a local JVM. */
public final class Jcmd {

    private Jcmd() {}

    public static String run(final long pid, final String... command) {
        final List<String> args = new ArrayList<>();
        args.add(executable().toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            final Process process =
                    new ProcessBuilder(args).redirectErrorStream(true).start();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " did not finish within 60 s");
            }
            final String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "jcmd " + pid + " " + String.join(" ", command) + " failed: " + text.strip());
            }
            return text;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }

    static Path executable() {
        final Path home = Path.of(System.getProperty("java.home"));
        final Path jcmd = home.resolve("bin").resolve("jcmd");
        if (Files.isExecutable(jcmd)) {
            return jcmd;
        }
        throw new IllegalStateException("no jcmd in " + home + "/bin: run the benchmarks with a JDK, not a JRE");
    }
}
