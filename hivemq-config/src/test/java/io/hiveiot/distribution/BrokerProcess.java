package io.hiveiot.distribution;

import io.hiveiot.testkit.FreePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The distribution's start script running as a separate OS process, with its output in files (a pipe nobody reads
 * would block the broker once full). {@link #close()} never leaves a broker behind.
 */
final class BrokerProcess implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private BrokerProcess(final Process process, final Path stdout, final Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The build's distribution folder, target/hive-iot (set by failsafe). */
    static Path distribution() {
        final var folder = System.getProperty("hive-iot.distribution");
        if (folder == null) {
            throw new IllegalStateException("system property hive-iot.distribution is not set: run with mvn verify");
        }
        return Path.of(folder);
    }

    /**
     * Starts {@code script} in {@code workingDirectory}. The environment is the test JVM's, minus anything that
     * would send the broker elsewhere, plus {@code environment}; JAVA_HOME is this JVM's Java. HOME is a folder in
     * {@code outputFolder} unless given, so that a broker without HIVE_IOT_INSTANCE never uses the user's own
     * instance folder.
     */
    static BrokerProcess start(
            final Path script,
            final Path workingDirectory,
            final Path outputFolder,
            final Map<String, String> environment)
            throws IOException {
        Files.createDirectories(outputFolder);
        final var stdout = outputFolder.resolve("stdout.txt");
        final var stderr = outputFolder.resolve("stderr.txt");
        final var builder = new ProcessBuilder(script.toString())
                .directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        final var env = builder.environment();
        for (final var inherited : new String[] {
            "JAVA_OPTS",
            "HIVEMQ_HOME",
            "HIVEMQ_CONFIG_FOLDER",
            "HIVEMQ_DATA_FOLDER",
            "HIVEMQ_LOG_FOLDER",
            "HIVEMQ_EXTENSION_FOLDER",
            "HIVE_IOT_MQTT_PORT",
            "HIVE_IOT_WS_PORT",
            "HIVE_IOT_MQTTS_PORT",
            "HIVE_IOT_WSS_PORT",
            "HIVE_IOT_HTTP_PORT",
            "HIVE_IOT_BIND_ADDRESS",
            "HIVE_IOT_HEAP",
            "HIVE_IOT_LOG_LEVEL",
            "HIVE_IOT_INSTANCE",
            "XDG_DATA_HOME",
            "HIVE_IOT_TLS_KEYSTORE",
            "HIVE_IOT_TLS_KEYSTORE_PASSWORD",
            "HIVE_IOT_TLS_KEY_PASSWORD",
            "HIVE_IOT_DATABASE_URL",
            "HIVE_IOT_DATABASE_USER",
            "HIVE_IOT_DATABASE_PASSWORD"
        }) {
            env.remove(inherited);
        }
        env.put("HOME", outputFolder.resolve("home").toString());
        env.put("HIVE_IOT_MQTTS_PORT", Integer.toString(FreePort.next()));
        env.put("HIVE_IOT_WSS_PORT", Integer.toString(FreePort.next()));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HIVE_IOT_BIND_ADDRESS", LOOPBACK);
        env.put("HIVE_IOT_HEAP", "256m");
        // never the default 8080 of a broker running beside the tests
        env.put("HIVE_IOT_HTTP_PORT", Integer.toString(FreePort.next()));
        env.putAll(environment);
        return new BrokerProcess(builder.start(), stdout, stderr);
    }

    /** Copies a folder tree, e.g. the distribution's extensions/ for a test that changes their configuration. */
    static void copyTree(final Path source, final Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            paths.forEach(path -> {
                try {
                    Files.copy(path, target.resolve(source.relativize(path).toString()));
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    void awaitListening(final int port, final Duration timeout) {
        await("port " + port + " accepting connections", timeout, () -> accepts(port));
    }

    void awaitFile(final Path file, final Duration timeout) {
        await(file + " to exist", timeout, () -> Files.isRegularFile(file));
    }

    void awaitStderrContaining(final String text, final Duration timeout) {
        await("stderr to contain \"" + text + "\"", timeout, () -> stderr().contains(text));
    }

    /** SIGTERM (the script exec'd java, so it reaches HiveMQ's shutdown hook), then waits; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            fail("broker did not stop within " + STOP_TIMEOUT + " after SIGTERM" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash or an out-of-memory killer ends a process: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("broker still running " + STOP_TIMEOUT + " after SIGKILL");
        }
    }

    /** Waits for a process that is expected to end by itself, such as a script refusing to start. */
    int awaitExit(final Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("process still running after " + timeout + output());
        }
        return process.exitValue();
    }

    /** The broker's JVM: the script exec'd java, so it is the process started. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    String output() {
        return "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void await(final String what, final Duration timeout, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail("broker exited with code " + process.exitValue() + " while waiting for " + what + output());
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what + output());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    private static boolean accepts(final int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private static String read(final Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
