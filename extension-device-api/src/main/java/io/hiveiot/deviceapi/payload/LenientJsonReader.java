package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.hiveiot.kit.thingsboard.LenientJson;

import java.io.EOFException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_JSON;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;

/**
 * Reads a payload exactly as ThingsBoard's {@code JsonParser.parseString} does, with the same reader (Gson, lenient),
 * into a Jackson tree whose numbers are {@link RawNumberNode}s spelled as sent.
 * <p>
 * So everything Gson's lenient mode accepts is accepted: unquoted names and unquoted string values
 * ({@code {attribute1: value1}}, as {@code mosquitto_pub -m "{"attribute1": "value1"}"} sends it after the shell
 * took the quotes), single quotes, {@code =} and {@code =>} after names, {@code ;} between members, Java and
 * {@code #} comments, raw control characters in strings, missing array elements ({@code [1,,2]} holds a null),
 * keywords in any case ({@code TRUE}), a leading byte order mark and the {@code )]}'} prefix. Number spellings
 * outside strict JSON ({@code 007}, {@code .5}, {@code +7}, {@code NaN}) are unquoted <em>strings</em> to Gson, and
 * are typed here like any string. As in {@code parseString}, the value must be followed by nothing but white space,
 * checked without leniency (a comment after the value is refused).
 * <p>
 * The depth of nesting is limited before the tree is built; error reasons name the position, never the content.
 */
final class LenientJsonReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern POSITION = Pattern.compile(" at line (\\d+) column (\\d+)");

    private final int maxNestingDepth;

    LenientJsonReader(final PayloadLimits limits) {
        this.maxNestingDepth = limits.maxNestingDepth();
    }

    /** The payload's one JSON value; never null (a {@code null} literal is a {@link NullNode}). */
    JsonNode read(final byte[] payload) throws BadPayloadException {
        final JsonReader reader = LenientJson.reader(payload);
        try {
            final JsonToken first;
            try {
                first = reader.peek();
            } catch (final EOFException e) {
                throw new BadPayloadException(INVALID_JSON, "empty payload");
            }
            final JsonNode root = value(reader, first, 0);
            if (!root.isNull()) {
                requireEnd(reader);
            }
            return root;
        } catch (final MalformedJsonException | EOFException e) {
            throw new BadPayloadException(INVALID_JSON, "invalid JSON" + position(e.getMessage()));
        } catch (final IOException | IllegalStateException | NumberFormatException e) {
            throw new BadPayloadException(INVALID_JSON, "invalid JSON");
        }
    }

    /** Nothing but white space may follow, read without leniency, as {@code parseString} checks. */
    private static void requireEnd(final JsonReader reader) throws IOException, BadPayloadException {
        reader.setStrictness(Strictness.LEGACY_STRICT);
        final String trailing = "unexpected content after the JSON value";
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadPayloadException(INVALID_JSON, trailing + position(reader.toString()));
            }
        } catch (final MalformedJsonException e) {
            throw new BadPayloadException(INVALID_JSON, trailing + position(e.getMessage()));
        }
    }

    private JsonNode value(final JsonReader reader, final JsonToken token, final int depth)
            throws IOException, BadPayloadException {
        return switch (token) {
            case BEGIN_OBJECT -> object(reader, deeper(depth));
            case BEGIN_ARRAY -> array(reader, deeper(depth));
            case STRING -> TextNode.valueOf(reader.nextString());
            // Gson's NUMBER is a JSON number; nextString() gives it as spelled.
            case NUMBER -> new RawNumberNode(reader.nextString());
            case BOOLEAN -> BooleanNode.valueOf(reader.nextBoolean());
            case NULL -> {
                reader.nextNull();
                yield NullNode.getInstance();
            }
            default -> throw new IllegalStateException("unexpected " + token);
        };
    }

    private ObjectNode object(final JsonReader reader, final int depth) throws IOException, BadPayloadException {
        final ObjectNode object = NODES.objectNode();
        reader.beginObject();
        while (reader.hasNext()) {
            final String name = reader.nextName();
            // A repeated name keeps its first position and takes the last value, as in Gson's JsonObject.
            object.set(name, value(reader, reader.peek(), depth));
        }
        reader.endObject();
        return object;
    }

    private ArrayNode array(final JsonReader reader, final int depth) throws IOException, BadPayloadException {
        final ArrayNode array = NODES.arrayNode();
        reader.beginArray();
        while (reader.hasNext()) {
            array.add(value(reader, reader.peek(), depth));
        }
        reader.endArray();
        return array;
    }

    private int deeper(final int depth) throws BadPayloadException {
        if (depth >= maxNestingDepth) {
            throw new BadPayloadException(LIMIT_EXCEEDED, "JSON nested deeper than " + maxNestingDepth + " levels");
        }
        return depth + 1;
    }

    /** Gson's position of an error, without the path (which would echo the payload's names). */
    private static String position(final String message) {
        if (message == null) {
            return "";
        }
        final Matcher matcher = POSITION.matcher(message);
        return matcher.find() ? " at line " + matcher.group(1) + " column " + matcher.group(2) : "";
    }
}
