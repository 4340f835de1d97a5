package io.hiveiot.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests of one JVM: a new cluster in a temporary folder, started on a free loopback
 * port the first time a test asks for a database, stopped when the JVM exits. Each {@link #newDatabase()} is an
 * empty database of its own, so test classes never see each other's data.
 * <p>
 * The server is the machine's own PostgreSQL installation (Debian's {@code postgresql} package; the binaries are
 * found under {@code /usr/lib/postgresql/<version>/bin}, or in {@code HIVE_IOT_PG_BIN}). PostgreSQL refuses to run
 * as root, so a test run by root starts it as the {@code postgres} user through {@code runuser}. The tests' server has
 * durability switched off ({@code fsync=off}): these tests are about what the engine stores, not about power loss. A
 * {@link #durable()} server is one for measurements.
 */
public final class PostgresServer {

    /** The system property that selects the engine of a test run: {@code sqlite} (default) or {@code postgresql}. */
    public static final String ENGINE_PROPERTY = "hive-iot.test.engine";

    private static final String USER = "hiveiot";
    /** What the tests' server leaves out: they are about what the engine stores, not about power loss. */
    private static final String TESTS = " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";

    private static PostgresServer running;

    private final Path folder;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(final Path folder, final Path bin, final int port, final boolean asPostgresUser) {
        this.folder = folder;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Whether this test run keeps the extensions' data in PostgreSQL. */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty(ENGINE_PROPERTY, "sqlite"));
    }

    /**
     * A new, empty database of the test run's engine, for tests that open an extension's database themselves: on
     * this server in a PostgreSQL run, else the SQLite file given.
     */
    public static String newDatabaseOrFile(final Path sqliteFile) {
        return selected() ? get().newDatabase() : "jdbc:sqlite:" + sqliteFile.toAbsolutePath();
    }

    /** The JVM's server, started on first use. */
    public static synchronized PostgresServer get() {
        if (running == null) {
            running = start(TESTS);
            final PostgresServer server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        }
        return running;
    }

    /** A new, empty database; its JDBC URL names the user and has no password (the cluster trusts loopback). */
    public String newDatabase() {
        final String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The server's version, e.g. {@code PostgreSQL 15.18}. */
    public String version() {
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                var query = connection.createStatement();
                var row = query.executeQuery("SHOW server_version")) {
            row.next();
            return "PostgreSQL " + row.getString(1);
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot ask the server its version: " + e.getMessage(), e);
        }
    }

    public String url(final String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /**
     * A server of the caller's own with PostgreSQL's default durability (every commit flushed to disk, as
     * {@code fsync} and {@code synchronous_commit} leave it), for measurements; {@link #stop()} it when done.
     */
    public static PostgresServer durable() {
        final PostgresServer server = start("");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-server-stop"));
        return server;
    }

    private static PostgresServer start(final String settings) {
        final Path bin = binaries();
        final boolean root = "root".equals(System.getProperty("user.name"));
        try {
            final Path folder = Files.createTempDirectory("hive-iot-postgres");
            final int port = FreePort.next();
            final var server = new PostgresServer(folder, bin, port, root);
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", folder.toString()));
            }
            server.runAsServerUser(
                    bin.resolve("initdb").toString(),
                    "-D",
                    folder.resolve("data").toString(),
                    "-U",
                    USER,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--locale=C");
            server.runAsServerUser(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    folder.resolve("data").toString(),
                    "-l",
                    folder.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "start",
                    "-o",
                    "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c max_connections=500"
                            + settings);
            return server;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL server for the tests", e);
        }
    }

    /** Stops the server and removes its files. */
    public void stop() {
        try {
            runAsServerUser(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    folder.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop");
        } catch (final RuntimeException e) {
            // the JVM is exiting; a server left running dies with its temporary folder's removal below at worst
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (final IOException ignored) {
            // a temporary folder; the OS cleans it up eventually
        }
    }

    private void runAsServerUser(final String... command) {
        final List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(final List<String> command) {
        try {
            final Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The newest installed PostgreSQL's binaries. */
    private static Path binaries() {
        final Optional<Path> configured =
                Optional.ofNullable(System.getenv("HIVE_IOT_PG_BIN")).map(Path::of);
        if (configured.isPresent()) {
            return configured.get();
        }
        final Path debian = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(
                            version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow();
        } catch (final IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL server found for the tests: install Debian's postgresql "
                    + "package (apt-get install postgresql) or set HIVE_IOT_PG_BIN to the folder of initdb and pg_ctl");
        }
    }
}
