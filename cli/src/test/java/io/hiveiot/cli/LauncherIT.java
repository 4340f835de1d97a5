package io.hiveiot.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/hive-iot from the packaged zip, laid out as in the distribution: it finds its jars and the
 * distribution's first-run.txt relative to itself, also when called through a symlink.
 */
class LauncherIT {

    @TempDir
    static Path home;

    @BeforeAll
    static void unpackTheDistributionZip() throws IOException {
        try (ZipInputStream zip =
                new ZipInputStream(Files.newInputStream(Path.of(System.getProperty("hive-iot.cli.dist.zip"))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                final Path target = home.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        // java.util.zip does not restore modes; the distribution's assembly sets 0755 as the zip does.
        Files.setPosixFilePermissions(
                home.resolve("bin/hive-iot"),
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void version_runsFromTheJarsBesideTheScript() throws Exception {
        final Process process = run(home.resolve("bin/hive-iot"), "--version");
        assertEquals(0, process.exitValue(), text(process.getErrorStream()));
        assertTrue(text(process.getInputStream()).startsWith("hive-iot 0."), "the jar's version");
    }

    @Test
    void withoutSettings_theDistributionsFirstRunFileIsRead_throughASymlinkToo() throws Exception {
        Files.createDirectories(home.resolve("data/hive-iot"));
        Files.writeString(
                home.resolve("data/hive-iot/first-run.txt"),
                "account=demo\napp-id=demo\napp-secret=abc\ndevice=demo-device\ndevice-token=xyz\n");
        final Path link = Files.createDirectories(home.resolve("elsewhere")).resolve("hive-iot");
        Files.createSymbolicLink(link, home.resolve("bin/hive-iot"));
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        final Process process = run(link, "devices", "list", "--port", Integer.toString(closedPort));
        final String err = text(process.getErrorStream());
        // Not "no application id given": the app id and secret came from data/hive-iot/first-run.txt.
        assertEquals(2, process.exitValue(), err);
        assertTrue(err.contains("cannot connect to the broker at 127.0.0.1:" + closedPort), err);
    }

    @Test
    void aWrongCommandLine_exits64_throughTheScript() throws Exception {
        final Process process = run(home.resolve("bin/hive-iot"), "devices", "lst");
        assertEquals(64, process.exitValue(), text(process.getErrorStream()));
    }

    private static Process run(final Path script, final String... args) throws Exception {
        final List<String> command = new java.util.ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("HIVE_IOT_") || name.startsWith("HIVEMQ_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/hive-iot did not end");
        return process;
    }

    private static String text(final InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
