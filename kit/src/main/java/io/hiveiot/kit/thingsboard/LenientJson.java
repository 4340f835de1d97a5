package io.hiveiot.kit.thingsboard;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * A device payload read as ThingsBoard's {@code JsonParser.parseString} reads it: with the same reader (Gson,
 * lenient), after decoding it as ThingsBoard does ({@code ByteBuf.toString(UTF_8)}, so invalid UTF-8 becomes U+FFFD
 * instead of an error). Every extension that reads device payloads reads them alike.
 */
public final class LenientJson {

    private LenientJson() {}

    /** A lenient reader positioned before the payload's first value. */
    public static JsonReader reader(final byte[] payload) {
        final JsonReader reader = new JsonReader(new StringReader(new String(payload, StandardCharsets.UTF_8)));
        reader.setStrictness(Strictness.LENIENT);
        return reader;
    }
}
