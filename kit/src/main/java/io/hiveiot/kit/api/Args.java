package io.hiveiot.kit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An op's arguments, read with validation: a wrong or missing value is a {@code bad-request} answer
 * naming the argument's path (e.g. {@code args.credentials.username}).
 */
public final class Args {

    private final ObjectNode node;
    private final String path;

    public Args(final ObjectNode node, final String path) {
        this.node = node;
        this.path = path;
    }

    public ObjectNode json() {
        return node;
    }

    /** A required, non-empty text. */
    public String text(final String name) {
        final JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ApiException.badRequest(path + "." + name + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    public Optional<String> optionalText(final String name) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(path + "." + name + " must be a string");
        }
        return Optional.of(value.asText());
    }

    /** An optional whole number within [min, max]. */
    public int integer(final String name, final int defaultValue, final int min, final int max) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw ApiException.badRequest(path + "." + name + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** An optional whole number within [min, max], e.g. epoch milliseconds. */
    public long longValue(final String name, final long defaultValue, final long min, final long max) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw ApiException.badRequest(path + "." + name + " must be a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    /** An optional array of 1 to {@code max} non-empty strings; empty when the argument is left out. */
    public Optional<List<String>> textList(final String name, final int max) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        final String problem = path + "." + name + " must be an array of 1 to " + max + " non-empty strings";
        if (!value.isArray() || value.isEmpty() || value.size() > max) {
            throw ApiException.badRequest(problem);
        }
        final List<String> texts = new ArrayList<>(value.size());
        for (final JsonNode element : value) {
            if (!element.isTextual() || element.asText().isEmpty()) {
                throw ApiException.badRequest(problem);
            }
            texts.add(element.asText());
        }
        return Optional.of(List.copyOf(texts));
    }

    public boolean bool(final String name, final boolean defaultValue) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(path + "." + name + " must be true or false");
        }
        return value.asBoolean();
    }

    public Optional<Args> object(final String name) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw ApiException.badRequest(path + "." + name + " must be an object");
        }
        return Optional.of(new Args((ObjectNode) value, path + "." + name));
    }
}
