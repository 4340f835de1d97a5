package io.hiveiot.benchmarks.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The temporary folder of one run: both brokers' data, logs and extensions, and the JFR files. */
public final class Workspace {

    private Workspace() {}

    public static Path create() {
        try {
            return Files.createTempDirectory("hive-iot-bench-");
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create the benchmark workspace", e);
        }
    }

    public static void delete(final Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot delete the workspace " + root, e);
        }
    }
}
