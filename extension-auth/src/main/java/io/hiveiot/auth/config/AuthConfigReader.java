package io.hiveiot.auth.config;

import io.hiveiot.registry.config.ConfigElement;
import io.hiveiot.registry.config.ConfigException;
import io.hiveiot.registry.config.StrictXmlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads {@code conf/config.xml} strictly against the XSD bundled in this extension's jar. */
public final class AuthConfigReader {

    private static final StrictXmlReader XML = new StrictXmlReader(AuthConfigReader.class.getResource("config.xsd"));

    private AuthConfigReader() {
    }

    /** The configuration in {@code file}, or the defaults when there is no such file. */
    public static AuthConfig read(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return AuthConfig.DEFAULTS;
        }
        final AuthConfig d = AuthConfig.DEFAULTS;
        final ConfigElement root = XML.read(file);
        final Optional<ConfigElement> database = root.child("database");
        final Optional<ConfigElement> cache = root.child("token-cache");
        final var tokenCache = new AuthConfig.TokenCacheSettings(
                cache.isPresent() ? cache.get().childInt("maximum-size", d.tokenCache().maximumSize())
                        : d.tokenCache().maximumSize(),
                positive(cache, "expire-after", d.tokenCache().expireAfter()),
                positive(cache, "unknown-expire-after", d.tokenCache().unknownExpireAfter()));
        return new AuthConfig(
                database.flatMap(db -> db.childText("jdbc-url")),
                positive(database, "busy-timeout", d.busyTimeout()),
                database.flatMap(db -> db.childText("synchronous")).map("FULL"::equals).orElse(d.synchronousFull()),
                database.isPresent() ? database.get().childInt("writer-queue-capacity", d.writerQueueCapacity())
                        : d.writerQueueCapacity(),
                database.isPresent() ? database.get().childInt("read-threads", d.readThreads()) : d.readThreads(),
                tokenCache,
                root.childBoolean("session-eviction", d.sessionEviction()),
                positive(Optional.of(root), "lookup-timeout", d.lookupTimeout()),
                root.childBoolean("create-demo-account", d.createDemoAccount()));
    }

    private static Duration positive(final Optional<ConfigElement> parent, final String name,
                                     final Duration defaultValue) throws ConfigException {
        if (parent.isEmpty()) {
            return defaultValue;
        }
        final Duration value = parent.get().childDuration(name, defaultValue);
        if (value.isZero() || value.isNegative()) {
            throw parent.get().child(name).orElseThrow().problem("must be longer than zero");
        }
        return value;
    }
}
