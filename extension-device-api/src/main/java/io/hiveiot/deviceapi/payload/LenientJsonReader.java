package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.hiveiot.kit.thingsboard.LenientJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_JSON;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;

/**
 * Reads a payload the way ThingsBoard's lenient {@code JsonParser.parseString} (Gson 2.11) does, into a Jackson
 * tree whose numbers are {@link RawNumberNode}s.
 * <p>
 * Accepted like Gson: unquoted field names, single quotes, Java and {@code #} comments, raw control characters
 * inside strings, missing array elements ({@code [1,,2]} has a null in the middle), and a
 * leading byte order mark. Gson reads number spellings outside strict JSON (leading zeros {@code 007}, a leading
 * point {@code .5}) as unquoted <em>strings</em>, so they become text nodes here too and are then typed like any
 * numeric string. Rejected like Gson: trailing content after the value. Rejected unlike Gson: other unquoted
 * values ({@code hello}, {@code NaN}, {@code +7}, {@code 5.}, {@code 0x10}), {@code =} or {@code ;} as separators,
 * and unquoted names with characters Jackson does not allow there ({@code a.b}).
 * <p>
 * Jackson's data-binding {@code readTree} is not used because its number nodes lose the spelling.
 */
final class LenientJsonReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFactory factory;
    private final int maxNestingDepth;

    LenientJsonReader(final PayloadLimits limits) {
        this.maxNestingDepth = limits.maxNestingDepth();
        this.factory = LenientJson.builder()
                // Nesting depth is the only constraint left to Jackson (it guards our recursion); lengths are
                // checked by the typing, which can name the limit that was hit.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(Integer.MAX_VALUE)
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }

    /** The payload's one JSON value; never null (a {@code null} literal is a {@link NullNode}). */
    JsonNode read(final byte[] payload) throws BadPayloadException {
        // Decoded as ThingsBoard does (ByteBuf.toString(UTF_8)): invalid UTF-8 becomes U+FFFD instead of an error.
        final String text = withoutByteOrderMark(new String(payload, StandardCharsets.UTF_8));
        try (JsonParser parser = factory.createParser(text)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadPayloadException(INVALID_JSON, "empty payload");
            }
            final JsonNode root = value(parser, first, text);
            if (parser.nextToken() != null) {
                throw new BadPayloadException(INVALID_JSON,
                        "unexpected content after the JSON value" + at(parser.currentTokenLocation()));
            }
            return root;
        } catch (final StreamConstraintsException e) {
            throw new BadPayloadException(LIMIT_EXCEEDED, "JSON nested deeper than " + maxNestingDepth + " levels");
        } catch (final JsonProcessingException e) {
            // Jackson's own message quotes the offending characters; the position is all a client needs.
            throw new BadPayloadException(INVALID_JSON, "invalid JSON" + at(e.getLocation()));
        } catch (final IOException e) {
            throw new BadPayloadException(INVALID_JSON, "invalid JSON");
        }
    }

    private static JsonNode value(final JsonParser parser, final JsonToken token, final String text)
            throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser, text);
            case START_ARRAY -> array(parser, text);
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, text);
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> throw new IllegalStateException("unexpected token " + token + " from a text parser");
        };
    }

    private static ObjectNode object(final JsonParser parser, final String text) throws IOException {
        final ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            // A repeated name keeps its first position and takes the last value, as in Gson's JsonObject.
            object.set(name, value(parser, parser.nextToken(), text));
        }
        return object;
    }

    private static ArrayNode array(final JsonParser parser, final String text) throws IOException {
        final ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token, text));
        }
        return array;
    }

    private static JsonNode number(final JsonParser parser, final String text) throws IOException {
        final String strict = parser.getText();
        final String spelled = spelling(text, (int) parser.currentTokenLocation().getCharOffset(), strict);
        // Jackson drops leading zeros from getText(), so a difference means the device wrote some.
        if (!spelled.equals(strict) || spelled.startsWith(".") || spelled.startsWith("-.")) {
            return TextNode.valueOf(spelled);
        }
        return new RawNumberNode(strict);
    }

    private static String spelling(final String text, final int start, final String fallback) {
        if (start < 0 || start >= text.length()) {
            return fallback;
        }
        int end = start;
        while (end < text.length() && "0123456789+-.eE".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        return text.substring(start, end);
    }

    private static String withoutByteOrderMark(final String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String at(final JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }
}
