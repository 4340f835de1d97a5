package io.hiveiot.benchmarks.broker;

import io.hiveiot.benchmarks.baseline.BaselineExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One broker's folders inside the benchmark's temporary workspace. Every broker starts the
 * distribution's own {@code bin/hive-iot-broker} with its {@code conf/} and {@code lib/}; they differ
 * only in the extensions folder: a copy of the distribution's extensions for hive-iot, the
 * allow-all extension alone for the bare broker, and with the telemetry sink beside it for the interceptor
 * broker. Data and logs never touch the distribution. hive-iot on PostgreSQL is given the installation's database
 * ({@code HIVE_IOT_DATABASE_URL}).
 */
public record BrokerSetup(
        BrokerKind kind,
        Path distribution,
        Path dataFolder,
        Path logFolder,
        Path extensionsFolder,
        Optional<String> databaseUrl) {

    public static BrokerSetup create(final BrokerKind kind, final Path distribution, final Path workspace) {
        return create(kind, distribution, workspace, kind.label());
    }

    /** A broker of {@code kind} with folders of its own, {@code <workspace>/<name>/}: a fresh device-data.db. */
    public static BrokerSetup create(
            final BrokerKind kind, final Path distribution, final Path workspace, final String name) {
        return create(kind, distribution, workspace, name, Optional.empty());
    }

    /** hive-iot keeping its data in the PostgreSQL database {@code databaseUrl} names. */
    public static BrokerSetup onPostgresql(final Path distribution, final Path workspace, final String databaseUrl) {
        final BrokerKind kind = BrokerKind.HIVE_IOT_POSTGRESQL;
        return create(kind, distribution, workspace, kind.label(), Optional.of(databaseUrl));
    }

    private static BrokerSetup create(
            final BrokerKind kind,
            final Path distribution,
            final Path workspace,
            final String name,
            final Optional<String> databaseUrl) {
        requireDistribution(distribution);
        final Path root = workspace.resolve(name);
        final var setup = new BrokerSetup(
                kind, distribution, root.resolve("data"), root.resolve("log"), root.resolve("extensions"), databaseUrl);
        try {
            Files.createDirectories(setup.dataFolder());
            Files.createDirectories(setup.logFolder());
            Files.createDirectories(setup.extensionsFolder());
            switch (kind) {
                case BARE -> BaselineExtension.ALLOW_ALL.writeInto(setup.extensionsFolder());
                case INTERCEPTOR -> {
                    BaselineExtension.ALLOW_ALL.writeInto(setup.extensionsFolder());
                    BaselineExtension.TELEMETRY_SINK.writeInto(setup.extensionsFolder());
                }
                case HIVE_IOT, HIVE_IOT_POSTGRESQL ->
                    copyTree(distribution.resolve("extensions"), setup.extensionsFolder());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot prepare the " + kind.label() + " broker's folders in " + root, e);
        }
        return setup;
    }

    /** The extension folders this broker loads (the ids), for the report. */
    public List<String> extensionIds() {
        try (Stream<Path> folders = Files.list(extensionsFolder)) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path script() {
        return distribution.resolve("bin").resolve("hive-iot-broker");
    }

    static void requireDistribution(final Path distribution) {
        if (!Files.isExecutable(distribution.resolve("bin/hive-iot-broker"))
                || !Files.isDirectory(distribution.resolve("lib"))
                || !Files.isDirectory(distribution.resolve("extensions"))) {
            throw new IllegalArgumentException(
                    distribution + " is not a built hive-iot distribution (bin/hive-iot-broker, "
                            + "lib/, extensions/); build it with: mvn -o -q -pl hivemq-config -am package -DskipTests");
        }
    }

    private static void copyTree(final Path from, final Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                if (file.getFileName().toString().equals("DISABLED")) {
                    // The distribution would not run this extension either: measuring without it would mislead.
                    throw new IllegalArgumentException("HiveMQ disabled the extension in " + file.getParent()
                            + " (it failed to start once); remove " + file + " after fixing the cause");
                }
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
