package io.hiveiot.benchmarks.broker;

import io.hiveiot.testkit.FreePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker in its own JVM, started as an operator would: the distribution's
 * {@code bin/hive-iot-broker} with HiveMQ's folder variables pointing into the benchmark's workspace,
 * listeners on free loopback ports, and the JDK that runs the benchmarks (so {@code jcmd} can attach).
 * Console output goes to a file per start. {@link #close()} sends SIGTERM (the script execs java,
 * so HiveMQ's shutdown hook runs) and kills the JVM if it has not stopped within 30 s.
 */
public final class BrokerProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String STARTED = "Started HiveMQ in";
    private static final List<String> FATAL = List.of("Could not start TCP Listener", "Using default config",
            "not started:", "HiveMQ start was cancelled");

    private final BrokerSetup setup;
    private final Process process;
    private final int port;
    private final Path consoleLog;

    private BrokerProcess(final BrokerSetup setup, final Process process, final int port, final Path consoleLog) {
        this.setup = setup;
        this.process = process;
        this.port = port;
        this.consoleLog = consoleLog;
    }

    /**
     * Starts the broker and waits until its extensions started and its TCP listener accepts connections.
     *
     * @param heap     {@code -Xmx} of the broker, e.g. {@code 1g} (the script's default)
     * @param javaOpts further JVM options, or empty
     */
    public static BrokerProcess start(final BrokerSetup setup, final String heap, final String javaOpts, final int startNumber)
            throws InterruptedException {
        final int port = FreePort.next();
        final Path consoleLog = setup.logFolder().resolve("console-" + startNumber + ".log");
        final var builder = new ProcessBuilder(setup.script().toString())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile());
        final Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HIVE_IOT_MQTT_PORT", Integer.toString(port));
        env.put("HIVE_IOT_WS_PORT", Integer.toString(FreePort.next()));
        env.put("HIVE_IOT_BIND_ADDRESS", "127.0.0.1");
        env.put("HIVE_IOT_HEAP", heap);
        env.put("HIVEMQ_DATA_FOLDER", setup.dataFolder().toString());
        env.put("HIVEMQ_LOG_FOLDER", setup.logFolder().toString());
        env.put("HIVEMQ_EXTENSION_FOLDER", setup.extensionsFolder().toString());
        env.remove("HIVEMQ_CONFIG_FOLDER");
        env.remove("HIVE_IOT_DATABASE_URL");
        env.remove("HIVE_IOT_DATABASE_USER");
        env.remove("HIVE_IOT_DATABASE_PASSWORD");
        setup.databaseUrl().ifPresent(url -> env.put("HIVE_IOT_DATABASE_URL", url));
        env.put("JAVA_OPTS", javaOpts);
        final Process process;
        try {
            process = builder.start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + setup.script(), e);
        }
        final var broker = new BrokerProcess(setup, process, port, consoleLog);
        try {
            broker.awaitStarted();
        } catch (final RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public long pid() {
        return process.pid();
    }

    public BrokerSetup setup() {
        return setup;
    }

    public Path consoleLog() {
        return consoleLog;
    }

    private void awaitStarted() throws InterruptedException {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            final String console = console();
            for (final String fatal : FATAL) {
                if (console.contains(fatal)) {
                    throw new IllegalStateException(setup.kind().label() + " broker did not start properly ('" + fatal
                            + "'); see " + consoleLog);
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(setup.kind().label() + " broker exited with status " + process.exitValue()
                        + " while starting; see " + consoleLog);
            }
            if (console.contains(STARTED)) {
                for (final String line : setup.kind().startedLines()) {
                    if (!console.contains(line)) {
                        throw new IllegalStateException(setup.kind().label() + " broker started without '" + line
                                + "'; see " + consoleLog);
                    }
                }
                if (accepts()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(setup.kind().label() + " broker did not start within "
                + START_TIMEOUT.toSeconds() + " s; see " + consoleLog);
    }

    private boolean accepts() {
        try (var socket = new Socket()) {
            socket.connect(address(), 1000);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    public String console() {
        try {
            return Files.exists(consoleLog) ? Files.readString(consoleLog, StandardCharsets.UTF_8) : "";
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** For shutdown hooks: stop without waiting long. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
