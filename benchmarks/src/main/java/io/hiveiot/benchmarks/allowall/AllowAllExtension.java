package io.hiveiot.benchmarks.allowall;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the allow-all extension folder ({@code hivemq-extension.xml} and a one-class jar with its
 * service file) into a benchmark's own extensions folder. The jar is assembled from this module's
 * compiled {@link AllowAllExtensionMain} at run time, so the extension exists only inside the benchmark's
 * temporary folder.
 */
public final class AllowAllExtension {

    public static final String ID = "hive-iot-bench-allow-all";
    public static final String NAME = "hive-iot bench allow-all";
    static final String SERVICE = "META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain";
    /**
     * By name: loading the class itself needs the extension SDK, which only the broker has (the load
     * generator has it at compile time only).
     */
    static final String MAIN_CLASS = "io.hiveiot.benchmarks.allowall.AllowAllExtensionMain";

    private AllowAllExtension() {
    }

    /** Creates {@code <extensionsFolder>/hive-iot-bench-allow-all/} and returns it. */
    public static Path writeInto(final Path extensionsFolder) {
        return write(extensionsFolder, ID, NAME, MAIN_CLASS, 1000);
    }

    /**
     * Creates {@code <extensionsFolder>/<id>/}: {@code hivemq-extension.xml} and a jar of the one class
     * {@code mainClass} of this module with its service file.
     */
    public static Path write(final Path extensionsFolder, final String id, final String name, final String mainClass,
                             final int priority) {
        final Path folder = extensionsFolder.resolve(id);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("hivemq-extension.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <hivemq-extension>
                        <id>%s</id>
                        <name>%s</name>
                        <version>1</version>
                        <priority>%d</priority>
                        <start-priority>%d</start-priority>
                        <author>hive-iot benchmarks</author>
                    </hivemq-extension>
                    """.formatted(id, name, priority, priority), StandardCharsets.UTF_8);
            writeJar(folder.resolve(id + ".jar"), mainClass);
            return folder;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the extension " + id + " into " + extensionsFolder, e);
        }
    }

    private static void writeJar(final Path jar, final String mainClass) throws IOException {
        final var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        final String classFile = mainClass.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(classFile));
            try (InputStream in = AllowAllExtension.class.getClassLoader().getResourceAsStream(classFile)) {
                if (in == null) {
                    throw new IOException("class file " + classFile + " not found on the class path");
                }
                in.transferTo(out);
            }
            out.closeEntry();
            out.putNextEntry(new JarEntry(SERVICE));
            out.write((mainClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
