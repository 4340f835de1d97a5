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
 * listeners on free loopback ports (a restarted broker on its MQTT port of before), and the JDK that runs the
 * benchmarks (so {@code jcmd} can attach). Console output goes to a file per start. {@link #close()} sends SIGTERM
 * (the script execs java, so HiveMQ's shutdown hook runs: the distribution's normal stop) and kills the JVM if it has
 * not stopped within 30 s.
 */
public final class BrokerProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** A refused connection on loopback costs microseconds: the moment the port opens is known to this. */
    static final Duration LISTEN_POLL = Duration.ofMillis(5);

    private static final String STARTED = "Started HiveMQ in";
    private static final List<String> FATAL = List.of(
            "Could not start TCP Listener", "Using default config", "not started:", "HiveMQ start was cancelled");

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
    public static BrokerProcess start(
            final BrokerSetup setup, final String heap, final String javaOpts, final int startNumber)
            throws InterruptedException {
        final var broker = launch(setup, heap, javaOpts, startNumber, FreePort.next());
        try {
            broker.awaitStarted();
        } catch (final RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * Starts the broker's JVM with its MQTT listener on {@code port} and returns at once: a restart starts the broker
     * where its clients come back to, and measures from the moment it listens ({@link #awaitListening}). The caller
     * then checks the start with {@link #awaitStarted} and closes the broker on a failure.
     */
    public static BrokerProcess launch(
            final BrokerSetup setup, final String heap, final String javaOpts, final int startNumber, final int port) {
        final Path consoleLog = setup.logFolder().resolve("console-" + startNumber + ".log");
        final var builder = new ProcessBuilder(setup.script().toString())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile());
        final Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HIVE_IOT_MQTT_PORT", Integer.toString(port));
        env.put("HIVE_IOT_WS_PORT", Integer.toString(FreePort.next()));
        env.put("HIVE_IOT_MQTTS_PORT", Integer.toString(FreePort.next()));
        env.put("HIVE_IOT_WSS_PORT", Integer.toString(FreePort.next()));
        // The broker's configuration and TLS keys live in the workspace, never in the user's own instance folder.
        env.put(
                "HIVE_IOT_INSTANCE",
                setup.dataFolder().resolveSibling("instance").toString());
        env.remove("HIVE_IOT_TLS_KEYSTORE");
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
        try {
            return new BrokerProcess(setup, builder.start(), port, consoleLog);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + setup.script(), e);
        }
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

    /** Waits until the extensions started and the TCP listener accepts connections. */
    public void awaitStarted() throws InterruptedException {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            final String console = requireStarting();
            if (console.contains(STARTED)) {
                for (final String line : setup.kind().startedLines()) {
                    if (!console.contains(line)) {
                        throw new IllegalStateException(
                                setup.kind().label() + " broker started without '" + line + "'; see " + consoleLog);
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

    /**
     * Waits until the TCP listener accepts a connection, trying every {@link #LISTEN_POLL}: the moment a restarted
     * broker's clients can come back.
     *
     * @return {@link System#nanoTime()} when a connection was first accepted
     */
    public long awaitListening() throws InterruptedException {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long nextCheck = 0;
        while (System.nanoTime() < deadline) {
            if (accepts()) {
                return System.nanoTime();
            }
            if (System.nanoTime() >= nextCheck) {
                requireStarting();
                nextCheck = System.nanoTime() + Duration.ofMillis(100).toNanos();
            }
            Thread.sleep(LISTEN_POLL.toMillis());
        }
        throw new IllegalStateException(setup.kind().label() + " broker did not listen within "
                + START_TIMEOUT.toSeconds() + " s; see " + consoleLog);
    }

    /** The console so far, unless it tells that the start failed or the process has exited. */
    private String requireStarting() {
        final String console = console();
        for (final String fatal : FATAL) {
            if (console.contains(fatal)) {
                throw new IllegalStateException(
                        setup.kind().label() + " broker did not start properly ('" + fatal + "'); see " + consoleLog);
            }
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(setup.kind().label() + " broker exited with status " + process.exitValue()
                    + " while starting; see " + consoleLog);
        }
        return console;
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
        stop();
    }

    /**
     * SIGTERM, HiveMQ's clean stop, and a kill if the JVM has not stopped within {@link #STOP_TIMEOUT}.
     *
     * @return whether the broker stopped by itself (also when it had stopped before)
     */
    public boolean stop() {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return true;
            }
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** For shutdown hooks: stop without waiting long. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
