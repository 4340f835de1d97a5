package io.hiveiot.deviceapi.protobuf;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.Descriptors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Compiled schemas, by their text: every device of a profile shares one compilation, and a changed profile (new
 * text) compiles anew. A schema that does not compile is remembered as such, so its devices do not recompile it on
 * every message.
 */
public final class Schemas {

    private static final int MAX_SCHEMAS = 1_000;

    private record Compiled(Descriptors.FileDescriptor file, SchemaException problem) {}

    private final Cache<String, Compiled> compiled =
            Caffeine.newBuilder().maximumSize(MAX_SCHEMAS).build();

    /** The message a profile schema describes: its last top-level message, as in ThingsBoard. */
    public Descriptors.Descriptor message(final String text) throws SchemaException {
        return SchemaCompiler.lastMessage(file(text));
    }

    Descriptors.FileDescriptor file(final String text) throws SchemaException {
        final Compiled result = compiled.get(text, key -> {
            try {
                return new Compiled(SchemaCompiler.compile(key), null);
            } catch (final SchemaException e) {
                return new Compiled(null, e);
            }
        });
        if (result.problem() != null) {
            throw result.problem();
        }
        return result.file();
    }

    /** A schema shipped with the extension; it compiles, or the extension is broken. */
    static Descriptors.FileDescriptor resource(final String name) {
        try (InputStream in = Schemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return SchemaCompiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final SchemaException e) {
            throw new IllegalStateException(name + " " + e.getMessage(), e);
        }
    }
}
