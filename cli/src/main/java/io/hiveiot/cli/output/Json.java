package io.hiveiot.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiveiot.cli.exit.UsageProblem;

import java.io.IOException;

/** The one JSON mapper of the CLI, and JSON typed on the command line. */
public final class Json {

    private static final ObjectMapper COMPACT = exactNumbers(new ObjectMapper());
    private static final ObjectMapper MAPPER =
            exactNumbers(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * Numbers exactly as the services send them: a tracker's 17.60 stays 17.60 and a ThingsBoard DOUBLE
     * keeps its .0, where doubles would print 17.6 and 25.
     */
    private static ObjectMapper exactNumbers(final ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ObjectMapper mapper() {
        return COMPACT;
    }

    /** JSON the user typed; {@code what} names the argument in the error. */
    public static JsonNode parse(final String text, final String what) {
        try {
            return COMPACT.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new UsageProblem(
                    what + " is not valid JSON: " + e.getOriginalMessage(),
                    "Quote JSON for the shell, e.g. '{\"pin\":26,\"value\":1}'.");
        }
    }

    /** A value typed as {@code key=VALUE}: JSON when it parses (25, true, {"a":1}), else the text itself. */
    public static JsonNode value(final String text) {
        try {
            final JsonNode node = COMPACT.readTree(text);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (final IOException notJson) {
            // plain text, below
        }
        return COMPACT.getNodeFactory().textNode(text);
    }

    public static String compact(final JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pretty(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
