package io.hiveiot.console.health;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hive-iot extensions installed in the broker's extensions folder and their readiness. Extensions share no
 * state, so each one's readiness is read where it publishes it: its gauge {@code hive-iot.<name>.ready} in the
 * broker's metric registry (1 while it is started and its database answers). A folder with a {@code DISABLED} file
 * is an extension HiveMQ will not run; a missing gauge is one that did not start or has stopped.
 */
final class InstalledExtensions {

    private static final String ID_PREFIX = "hive-iot-";

    private final Path extensionsFolder;
    private final String ownId;
    private final MetricRegistry registry;

    InstalledExtensions(final Path extensionsFolder, final String ownId, final MetricRegistry registry) {
        this.extensionsFolder = extensionsFolder;
        this.ownId = ownId;
        this.registry = registry;
    }

    List<ExtensionState> states() {
        try (Stream<Path> folders = Files.list(extensionsFolder)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith(ID_PREFIX))
                    .filter(folder -> !folder.getFileName().toString().equals(ownId))
                    .filter(folder -> Files.isRegularFile(folder.resolve("hivemq-extension.xml")))
                    .sorted()
                    .map(this::state)
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + extensionsFolder, e);
        }
    }

    private ExtensionState state(final Path folder) {
        final String id = folder.getFileName().toString();
        if (Files.exists(folder.resolve("DISABLED"))) {
            return new ExtensionState(
                    id, false, "disabled: HiveMQ does not run it while " + folder.resolve("DISABLED") + " exists");
        }
        final String gaugeName = "hive-iot." + id.substring(ID_PREFIX.length()) + ".ready";
        final Gauge<?> gauge = registry.getGauges().get(gaugeName);
        if (gauge == null) {
            return new ExtensionState(id, false, "not started (no gauge " + gaugeName + ")");
        }
        final Object value = gauge.getValue();
        if (value instanceof Number number && number.intValue() == 1) {
            return new ExtensionState(id, true, "");
        }
        return new ExtensionState(id, false, "its database did not answer the last probe");
    }
}
