package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Compact JSON text exactly as Gson's {@code JsonElement.toString()} writes it, which is how ThingsBoard stores
 * JSON values and writes its responses: no whitespace, members in order, numbers spelled as received, and Gson's
 * escapes ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, other control characters as lower-case
 * {@code \u001f}, and U+2028/U+2029 escaped; everything else, {@code /} and non-ASCII included, as is).
 * Jackson's writer differs in the last two points, hence this small writer.
 */
public final class CompactJson {

    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = String.format("\\u%04x", c);
        }
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
        ASCII_ESCAPES['\b'] = "\\b";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\f'] = "\\f";
        ASCII_ESCAPES['\r'] = "\\r";
    }

    private CompactJson() {}

    /** Recursion is bounded by the reader's nesting limit. */
    static String of(final JsonNode node) {
        final StringBuilder json = new StringBuilder();
        write(node, json);
        return json.toString();
    }

    /** A JSON string literal, quotes included. */
    public static String quote(final String text) {
        final StringBuilder literal = new StringBuilder(text.length() + 2);
        quote(text, literal);
        return literal.toString();
    }

    private static void write(final JsonNode node, final StringBuilder json) {
        if (node.isObject()) {
            json.append('{');
            final Iterator<Map.Entry<String, JsonNode>> members =
                    node.properties().iterator();
            while (members.hasNext()) {
                final Map.Entry<String, JsonNode> member = members.next();
                quote(member.getKey(), json);
                json.append(':');
                write(member.getValue(), json);
                if (members.hasNext()) {
                    json.append(',');
                }
            }
            json.append('}');
        } else if (node.isArray()) {
            json.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                write(node.get(i), json);
            }
            json.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), json);
        } else if (node instanceof RawNumberNode number) {
            json.append(number.text());
        } else if (node.isBoolean()) {
            json.append(node.booleanValue());
        } else if (node.isNull()) {
            json.append("null");
        } else {
            throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
        }
    }

    private static void quote(final String text, final StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < ASCII_ESCAPES.length && ASCII_ESCAPES[c] != null) {
                json.append(ASCII_ESCAPES[c]);
            } else if (c == '\u2028') {
                json.append("\\u2028");
            } else if (c == '\u2029') {
                json.append("\\u2029");
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
