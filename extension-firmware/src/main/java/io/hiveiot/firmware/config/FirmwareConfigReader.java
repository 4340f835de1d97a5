package io.hiveiot.firmware.config;

import io.hiveiot.kit.config.ConfigElement;
import io.hiveiot.kit.config.ConfigException;
import io.hiveiot.kit.config.DatabaseConfig;
import io.hiveiot.kit.config.StrictXmlReader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. */
public final class FirmwareConfigReader {

    private static final StrictXmlReader XML =
            new StrictXmlReader(FirmwareConfigReader.class.getResource("config.xsd"));

    private FirmwareConfigReader() {}

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static FirmwareConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return FirmwareConfig.DEFAULTS;
        }
        final FirmwareConfig d = FirmwareConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final ConfigElement packages = root.childOrEmpty("packages");
        final ConfigElement chunks = root.childOrEmpty("chunks");
        final int maxPackageSize = packages.childInt("max-size", d.maxPackageSize());
        final long cacheMaxBytes = chunks.childLong("cache-max-bytes", d.cacheMaxBytes());
        if (maxPackageSize > cacheMaxBytes) {
            // A package larger than the cache would be evicted at once and read from the database for every chunk.
            throw packages.child("max-size")
                    .or(() -> chunks.child("cache-max-bytes"))
                    .orElseThrow()
                    .problem("packages/max-size (" + maxPackageSize + ") must not exceed chunks/cache-max-bytes ("
                            + cacheMaxBytes + "): every package being downloaded must fit the chunk cache");
        }
        return new FirmwareConfig(
                DatabaseConfig.read(root.childOrEmpty("database"), d.database()),
                maxPackageSize,
                packages.childPositiveDuration("upload-expiry", d.uploadExpiry()),
                cacheMaxBytes,
                chunks.childInt("max-chunk-size", d.maxChunkSize()),
                root.childDurationAtLeast(
                        "async-timeout",
                        d.asyncTimeout(),
                        FirmwareConfig.MIN_ASYNC_TIMEOUT,
                        "when it fires, HiveMQ acknowledges the publish unhandled"),
                root.childBoolean("identity-fallback", d.identityFallback()));
    }
}
