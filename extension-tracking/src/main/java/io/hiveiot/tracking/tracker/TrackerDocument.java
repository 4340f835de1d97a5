package io.hiveiot.tracking.tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The iotBind device data document, exactly the seed's shape and order: {@code uid}, {@code name},
 * {@code type}, {@code longitude}, {@code latitude}, then {@code dataN} and {@code dataN_unit} for N = 1..4.
 * Values go out as the literals the device sent; a value never reported is the empty string, as iotBind
 * shows an empty field.
 */
public final class TrackerDocument {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Keeps every number as written (17.60 stays 17.60) when the document becomes a tree. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private TrackerDocument() {}

    public static byte[] bytes(final Tracker tracker) {
        final var out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("uid", tracker.uid());
            json.writeStringField("name", tracker.name());
            json.writeStringField("type", tracker.type());
            value(json, "longitude", tracker.reported().longitude());
            value(json, "latitude", tracker.reported().latitude());
            for (int i = 0; i < Reported.DATA_FIELDS; i++) {
                value(json, "data" + (i + 1), tracker.reported().data(i));
                json.writeStringField("data" + (i + 1) + "_unit", tracker.unit(i));
            }
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** The document as a tree, for the account's stream and the service's answers. */
    public static ObjectNode tree(final Tracker tracker) {
        try {
            return (ObjectNode) EXACT.readTree(bytes(tracker));
        } catch (final IOException e) {
            throw new UncheckedIOException("the document is always valid JSON", e);
        }
    }

    /** A stored literal as a tree node (null when never reported). */
    public static com.fasterxml.jackson.databind.JsonNode literal(final String literal) {
        if (literal == null) {
            return EXACT.nullNode();
        }
        try {
            return EXACT.readTree(literal);
        } catch (final IOException e) {
            throw new UncheckedIOException("stored literals are valid JSON", e);
        }
    }

    private static void value(final JsonGenerator json, final String name, final String literal) throws IOException {
        json.writeFieldName(name);
        if (literal == null) {
            json.writeString("");
        } else {
            json.writeRawValue(literal);
        }
    }
}
