package io.hiveiot.benchmarks.baseline;

import com.hivemq.extension.sdk.api.ExtensionMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineExtensionTest {

    @ParameterizedTest
    @EnumSource(BaselineExtension.class)
    void writeInto_makesAnExtensionFolderHiveMqCanLoad(
            final BaselineExtension extension, @TempDir final Path extensions) throws Exception {
        final Path folder = extension.writeInto(extensions);
        assertEquals(extension.id(), folder.getFileName().toString());
        final String descriptor = Files.readString(folder.resolve("hivemq-extension.xml"));
        assertTrue(descriptor.contains("<id>" + extension.id() + "</id>"), descriptor);
        final Path jar = folder.resolve(extension.id() + ".jar");
        try (var file = new JarFile(jar.toFile())) {
            assertEquals(
                    java.util.Set.of(
                            "META-INF/MANIFEST.MF",
                            BaselineExtension.SERVICE,
                            extension.mainClass().replace('.', '/') + ".class"),
                    file.stream().map(java.util.jar.JarEntry::getName).collect(java.util.stream.Collectors.toSet()),
                    "the main class and its service file, nothing else");
            final String service = new String(
                            file.getInputStream(file.getEntry(BaselineExtension.SERVICE))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8)
                    .trim();
            assertEquals(extension.mainClass(), service);
        }
        // As HiveMQ does: the jar in its own class loader, the SDK from the parent.
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ExtensionMain.class.getClassLoader())) {
            final Class<?> main = Class.forName(extension.mainClass(), false, loader);
            assertTrue(ExtensionMain.class.isAssignableFrom(main));
            // every class the extension needs at run time is in the jar or the SDK: no nested class
            assertEquals(0, main.getDeclaredClasses().length);
        }
    }
}
