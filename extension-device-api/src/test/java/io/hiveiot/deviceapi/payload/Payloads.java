package io.hiveiot.deviceapi.payload;

import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shared test helpers: payload bytes and bad-payload assertions. */
final class Payloads {

    private Payloads() {}

    static byte[] utf8(final String payload) {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    static BadPayloadException assertBad(
            final BadPayloadException.Kind kind, final String reason, final Executable parse) {
        final BadPayloadException bad = assertThrows(BadPayloadException.class, parse);
        assertEquals(kind, bad.kind(), bad.reason());
        assertEquals(reason, bad.reason());
        return bad;
    }

    static BadPayloadException assertBad(final BadPayloadException.Kind kind, final Executable parse) {
        final BadPayloadException bad = assertThrows(BadPayloadException.class, parse);
        assertEquals(kind, bad.kind(), bad.reason());
        return bad;
    }

    /** {@code depth} nested arrays around {@code 1}. */
    static String nestedArrays(final int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }
}
