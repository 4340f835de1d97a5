package io.hiveiot.benchmarks.allowall;

import com.hivemq.extension.sdk.api.ExtensionMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowAllExtensionTest {

    @Test
    void writeInto_makesAnExtensionFolderHiveMqCanLoad(@TempDir final Path extensions) throws Exception {
        final Path folder = AllowAllExtension.writeInto(extensions);
        assertEquals(AllowAllExtension.ID, folder.getFileName().toString());
        final String descriptor = Files.readString(folder.resolve("hivemq-extension.xml"));
        assertTrue(descriptor.contains("<id>" + AllowAllExtension.ID + "</id>"), descriptor);
        final Path jar = folder.resolve(AllowAllExtension.ID + ".jar");
        try (var file = new JarFile(jar.toFile())) {
            assertEquals(java.util.Set.of("META-INF/MANIFEST.MF", AllowAllExtension.SERVICE,
                            AllowAllExtension.MAIN_CLASS.replace('.', '/') + ".class"),
                    file.stream().map(java.util.jar.JarEntry::getName).collect(java.util.stream.Collectors.toSet()),
                    "the main class and its service file, nothing else");
            final String service = new String(file.getInputStream(file.getEntry(AllowAllExtension.SERVICE)).readAllBytes(),
                    StandardCharsets.UTF_8).trim();
            assertEquals(AllowAllExtension.MAIN_CLASS, service);
        }
        // As HiveMQ does: the jar in its own class loader, the SDK from the parent.
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ExtensionMain.class.getClassLoader())) {
            final Class<?> main = Class.forName(AllowAllExtension.MAIN_CLASS, false, loader);
            assertTrue(ExtensionMain.class.isAssignableFrom(main));
        }
    }
}
