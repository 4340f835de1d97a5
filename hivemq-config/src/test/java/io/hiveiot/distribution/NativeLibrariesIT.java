package io.hiveiot.distribution;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The distribution carries native libraries for the platforms HiveMQ CE runs on, and no others: HiveMQ's RocksDB
 * and every extension's SQLite ship a dozen more in their jars, most of the distribution's size.
 */
class NativeLibrariesIT {

    @Test
    void rocksDb_hasTheNativesOfSupportedPlatformsOnly() throws IOException {
        assertEquals(
                Set.of(
                        "librocksdbjni-linux64.so",
                        "librocksdbjni-linux64-musl.so",
                        "librocksdbjni-linux-aarch64.so",
                        "librocksdbjni-linux-aarch64-musl.so",
                        "librocksdbjni-osx-x86_64.jnilib",
                        "librocksdbjni-osx-arm64.jnilib",
                        "librocksdbjni-win64.dll"),
                natives(BrokerProcess.distribution().resolve("lib/rocksdbjni.jar"), ""));
    }

    @Test
    void everyExtensionsSqlite_hasTheNativesOfSupportedPlatformsOnly() throws IOException {
        final Set<String> supported = Set.of(
                "Linux/x86_64",
                "Linux/aarch64",
                "Linux-Musl/x86_64",
                "Linux-Musl/aarch64",
                "Mac/x86_64",
                "Mac/aarch64",
                "Windows/x86_64");
        try (Stream<Path> jars = Files.walk(BrokerProcess.distribution().resolve("extensions"))) {
            for (final Path jar :
                    jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                final Set<String> platforms = new TreeSet<>();
                natives(jar, "org/sqlite/native/")
                        .forEach(library -> platforms.add(library.substring(0, library.lastIndexOf('/'))));
                if (!platforms.isEmpty()) {
                    assertEquals(new TreeSet<>(supported), platforms, jar.toString());
                }
            }
        }
    }

    /** The native libraries under {@code prefix} in {@code jar}, their names relative to it. */
    private static Set<String> natives(final Path jar, final String prefix) throws IOException {
        final Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith(prefix) && !name.endsWith("/"))
                    .filter(name -> name.endsWith(".so")
                            || name.endsWith(".jnilib")
                            || name.endsWith(".dylib")
                            || name.endsWith(".dll"))
                    .forEach(name -> names.add(name.substring(prefix.length())));
        }
        return names;
    }
}
