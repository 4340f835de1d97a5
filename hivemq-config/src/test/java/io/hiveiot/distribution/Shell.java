package io.hiveiot.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Commands as a user types them, run by {@code sh -c} with the given variables (so the seed documents' own quoting,
 * such as {@code -m "{"temperature":42}"}, goes through a real shell): mosquitto clients, the CLI, keytool.
 */
final class Shell {

    /** What a finished command printed and how it ended. */
    record Result(int exitCode, String output) {}

    private Shell() {}

    /** Runs {@code command} to its end (at most {@code timeout}), stdout and stderr together. */
    static Result run(final String command, final Map<String, String> variables, final Duration timeout)
            throws IOException, InterruptedException {
        final Process process = start(command, variables);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("'" + command + "' did not end within " + timeout);
        }
        return new Result(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Starts a long-running command (a subscriber) whose output goes to {@code output}; the caller ends it. */
    static Process background(final String command, final Map<String, String> variables, final Path output)
            throws IOException {
        Files.createDirectories(output.getParent());
        final var builder = new ProcessBuilder("sh", "-c", "exec " + command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(variables);
        return builder.start();
    }

    private static Process start(final String command, final Map<String, String> variables) throws IOException {
        final var builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        builder.environment().putAll(variables);
        return builder.start();
    }
}
