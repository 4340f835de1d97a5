package io.hiveiot.deviceapi.bucket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A page of records as CSV ({@code ts,topic,encoding,payload}, RFC 4180 quoting) or JSON. A payload that is valid
 * UTF-8 is exported as its text ({@code utf-8}), any other as base64 ({@code base64}), so no byte is lost or
 * altered. The cursor is the page's last record, opaque to applications.
 */
public final class BucketExport {

    private static final Base64.Encoder CURSOR = Base64.getUrlEncoder().withoutPadding();

    private BucketExport() {}

    public static String csv(final List<BucketRecord> records) {
        final StringBuilder csv = new StringBuilder("ts,topic,encoding,payload\r\n");
        for (final BucketRecord record : records) {
            final Optional<String> text = utf8(record.payload());
            csv.append(record.ts())
                    .append(',')
                    .append(quoted(record.topic()))
                    .append(',')
                    .append(text.isPresent() ? "utf-8" : "base64")
                    .append(',')
                    .append(quoted(text.orElseGet(() -> Base64.getEncoder().encodeToString(record.payload()))))
                    .append("\r\n");
        }
        return csv.toString();
    }

    public static ArrayNode json(final List<BucketRecord> records) {
        final ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (final BucketRecord record : records) {
            final ObjectNode node = array.addObject().put("ts", record.ts()).put("topic", record.topic());
            final Optional<String> text = utf8(record.payload());
            if (text.isPresent()) {
                node.put("encoding", "utf-8").put("payload", text.get());
            } else {
                node.put("encoding", "base64")
                        .put("payload", Base64.getEncoder().encodeToString(record.payload()));
            }
        }
        return array;
    }

    public static String cursor(final BucketRecord last) {
        return CURSOR.encodeToString((last.ts() + ":" + last.id()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor names, as a record with no content; empty when it is no cursor of ours. */
    public static Optional<BucketRecord> decodeCursor(final String cursor) {
        try {
            final String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            final int colon = text.indexOf(':');
            return Optional.of(new BucketRecord(
                    Long.parseLong(text.substring(colon + 1)),
                    Long.parseLong(text.substring(0, colon)),
                    "",
                    new byte[0]));
        } catch (final IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> utf8(final byte[] payload) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString());
        } catch (final CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String quoted(final String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
