package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Gson's {@code JsonElement.getAsLong()} and {@code getAsString()} return, which ThingsBoard relies on for
 * {@code ts} and for the keys of an attribute request. Gson's accidents are kept on purpose (a one-element
 * array stands for its element); where Gson throws, the result is empty.
 */
final class GsonCoercion {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Gson 2.11's {@code NumberLimits}: it refuses to parse numbers with a larger exponent. */
    private static final int MAX_GSON_SCALE = 10_000;

    private GsonCoercion() {}

    /**
     * Numbers are truncated toward zero ({@code 1.4516496005129E12} is {@code 1451649600512}); strings go
     * through {@link Long#parseLong} (so {@code "+5"} works and {@code "1.5"} does not); booleans, objects and
     * null have no long value. A number outside the long range is empty too, where Gson silently wraps it.
     */
    static OptionalLong asLong(final JsonNode node) {
        if (node instanceof RawNumberNode number) {
            return numberAsLong(number.text());
        }
        if (node.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(node.textValue()));
            } catch (final NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        if (node.isArray() && node.size() == 1) {
            return asLong(node.get(0));
        }
        return OptionalLong.empty();
    }

    /**
     * Strings as they are, numbers as spelled, booleans as {@code true}/{@code false}; objects, null, and arrays
     * of any size but one have no string value.
     */
    static Optional<String> asString(final JsonNode node) {
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node instanceof RawNumberNode number) {
            return Optional.of(number.text());
        }
        if (node.isBoolean()) {
            return Optional.of(Boolean.toString(node.booleanValue()));
        }
        if (node.isArray() && node.size() == 1) {
            return asString(node.get(0));
        }
        return Optional.empty();
    }

    private static OptionalLong numberAsLong(final String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (final NumberFormatException notALong) {
            // fall through to the decimal forms: 1.5, 1e3, 1.4516496005129E12
        }
        if (text.length() > NumberTyping.MAX_NUMBER_LENGTH) {
            return OptionalLong.empty();
        }
        final BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (final NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (Math.abs((long) number.scale()) >= MAX_GSON_SCALE) {
            return OptionalLong.empty();
        }
        if (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(number.longValue());
    }
}
