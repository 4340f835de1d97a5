package io.hiveiot.kit.config;

import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;

import java.nio.file.Path;

/**
 * Where an extension finds its files: {@code conf/config.xml} in its own folder (or, embedded, in
 * a folder given to it), and its databases in {@code <HiveMQ data folder>/hive-iot}.
 */
public final class ExtensionFolders {

    private ExtensionFolders() {
    }

    /** @param homeOverride the extension's folder when embedded; null when HiveMQ loaded it from its folder */
    public static Path configFile(final ExtensionStartInput input, final Path homeOverride) {
        final Path home = homeOverride != null
                ? homeOverride
                : input.getExtensionInformation().getExtensionHomeFolder().toPath();
        return home.resolve("conf").resolve("config.xml");
    }

    public static Path dataFolder(final ExtensionStartInput input) {
        return input.getServerInformation().getDataFolder().toPath().resolve("hive-iot");
    }
}
