package io.hiveiot.benchmarks.baseline;

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
 * The one-class extensions of the baseline brokers, written into a benchmark's own extensions folder
 * ({@code hivemq-extension.xml} and a jar of the class and its service file). Each jar is assembled from this
 * module's compiled class at run time, so the extensions exist only inside the benchmark's temporary folder.
 */
public enum BaselineExtension {

    /** Authenticates everyone and allows every topic: the bare broker's security. */
    ALLOW_ALL(
            "hive-iot-bench-allow-all",
            "hive-iot bench allow-all",
            "io.hiveiot.benchmarks.baseline.AllowAllExtensionMain"),

    /** Consumes telemetry through an async interceptor and stores nothing: the extension SDK's own ceiling. */
    TELEMETRY_SINK(
            "hive-iot-bench-telemetry-sink",
            "hive-iot bench telemetry sink",
            "io.hiveiot.benchmarks.baseline.TelemetrySinkExtensionMain"),

    /** A {@code SubscriptionAuthorizer} that passes every filter naming no family on: what registering one costs. */
    PASS_THROUGH_AUTHORIZER(
            "hive-iot-bench-pass-through-authorizer",
            "hive-iot bench pass-through authorizer",
            "io.hiveiot.benchmarks.authorizer.PassThroughAuthorizerMain"),

    /** A subscribe interceptor per connection doing the same lookup, as hive-iot-tracking decides families. */
    PASS_THROUGH_SUBSCRIPTIONS(
            "hive-iot-bench-pass-through-subscriptions",
            "hive-iot bench pass-through subscriptions",
            "io.hiveiot.benchmarks.authorizer.PassThroughSubscriptionsMain");

    static final String SERVICE = "META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain";

    private final String id;
    private final String displayName;
    /**
     * By name: loading the class itself needs the extension SDK, which only the broker has (the load
     * generator has it at compile time only).
     */
    private final String mainClass;

    BaselineExtension(final String id, final String displayName, final String mainClass) {
        this.id = id;
        this.displayName = displayName;
        this.mainClass = mainClass;
    }

    public String id() {
        return id;
    }

    /** The name HiveMQ logs when the extension started. */
    public String displayName() {
        return displayName;
    }

    String mainClass() {
        return mainClass;
    }

    /** Creates {@code <extensionsFolder>/<id>/} and returns it. */
    public Path writeInto(final Path extensionsFolder) {
        final Path folder = extensionsFolder.resolve(id);
        try {
            Files.createDirectories(folder);
            Files.writeString(
                    folder.resolve("hivemq-extension.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <hivemq-extension>
                        <id>%s</id>
                        <name>%s</name>
                        <version>1</version>
                        <priority>1000</priority>
                        <start-priority>1000</start-priority>
                        <author>hive-iot benchmarks</author>
                    </hivemq-extension>
                    """.formatted(id, displayName), StandardCharsets.UTF_8);
            writeJar(folder.resolve(id + ".jar"));
            return folder;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the " + id + " extension into " + extensionsFolder, e);
        }
    }

    private void writeJar(final Path jar) throws IOException {
        final var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        final String classFile = mainClass.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                var out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(classFile));
            try (InputStream in = BaselineExtension.class.getClassLoader().getResourceAsStream(classFile)) {
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
