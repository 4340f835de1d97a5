package io.hiveiot.deviceapi.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where a history page ended: the last entry returned. The next page holds the entries after it in history order
 * (ts descending, then key ascending), so points written meanwhile never shift a page boundary.
 * <p>
 * {@link #encode()} gives the opaque text an application sends back as {@code cursor}.
 */
public record HistoryCursor(long ts, String key) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public HistoryCursor {
        Objects.requireNonNull(key, "key");
    }

    /** URL-safe base64 of {@code <ts>:<key>}. */
    public String encode() {
        return ENCODER.encodeToString((ts + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code text} is not a cursor this class encoded */
    public static HistoryCursor decode(final String text) {
        Objects.requireNonNull(text, "text");
        final String decoded;
        try {
            decoded = new String(DECODER.decode(text), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("not a history cursor", e);
        }
        final int colon = decoded.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not a history cursor");
        }
        try {
            return new HistoryCursor(Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("not a history cursor", e);
        }
    }

    /**
     * The newest ts of {@code otherKey} that comes after this cursor, or empty when none can: at this cursor's
     * ts only keys ordered after its key follow.
     */
    OptionalLong newestTsAfter(final String otherKey) {
        if (otherKey.compareTo(key) > 0) {
            return OptionalLong.of(ts);
        }
        return ts == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(ts - 1);
    }
}
