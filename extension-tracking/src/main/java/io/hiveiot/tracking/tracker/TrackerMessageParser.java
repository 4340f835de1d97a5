package io.hiveiot.tracking.tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.hiveiot.tracking.tracker.BadTrackerMessage.Kind;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Parses the iotBind message {@code {"uid":..,"key":..,"cmd":..,"longitude":..,"latitude":..,"data1":..}}.
 * <p>
 * It reads tokens rather than a tree so that every number keeps the exact text the device sent
 * ({@code 17.60} stays {@code 17.60}). Coordinates are numbers or numeric strings within range; data values
 * are text or numbers. Fields it does not know are skipped, since trackers may send more than iotBind
 * documents; a repeated field is refused, as it would be ambiguous which one counts.
 */
public final class TrackerMessageParser {

    private static final Pattern NUMERIC = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?");
    private static final int MAX_NESTING = 16;
    /** An iotBind message is a few hundred bytes; the broker's own limit is far higher. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final JsonFactory factory;
    private final int maxValueLength;

    /** @param maxValueLength longest uid, key or value in characters */
    public TrackerMessageParser(final int maxValueLength) {
        this.maxValueLength = maxValueLength;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .build())
                .build();
    }

    public TrackerMessage parse(final byte[] payload) throws BadTrackerMessage {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new BadTrackerMessage(Kind.TOO_LARGE, "the message is longer than " + MAX_PAYLOAD_BYTES + " bytes");
        }
        try (JsonParser parser = factory.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadTrackerMessage(
                        payload.length == 0 ? Kind.INVALID_JSON : Kind.WRONG_SHAPE,
                        "a tracking message is a JSON object with uid and key");
            }
            final var fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                read(parser, name, value, fields);
            }
            if (parser.nextToken() != null) {
                throw new BadTrackerMessage(Kind.INVALID_JSON, "the message is not valid JSON");
            }
            return fields.message();
        } catch (final StreamConstraintsException e) {
            throw new BadTrackerMessage(Kind.WRONG_SHAPE, "the message is nested too deeply");
        } catch (final IOException e) {
            // Jackson's message may quote the payload; the reason goes back to a client and into logs.
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                throw new BadTrackerMessage(Kind.WRONG_SHAPE, "a field appears twice");
            }
            throw new BadTrackerMessage(Kind.INVALID_JSON, "the message is not valid JSON");
        }
    }

    private void read(final JsonParser parser, final String name, final JsonToken value, final Fields fields)
            throws IOException, BadTrackerMessage {
        switch (name) {
            case "uid" -> fields.uid = credential(parser, value, name);
            case "key" -> fields.key = credential(parser, value, name);
            case "cmd" -> fields.command = command(parser, value);
            case "longitude" -> fields.longitude = coordinate(parser, value, name, 180);
            case "latitude" -> fields.latitude = coordinate(parser, value, name, 90);
            case "data1", "data2", "data3", "data4" -> fields.data[name.charAt(4) - '1'] = data(parser, value, name);
            default -> parser.skipChildren();
        }
    }

    /** uid and key are texts; a number is taken as its digits, as some trackers send numeric uids. */
    private String credential(final JsonParser parser, final JsonToken value, final String name)
            throws IOException, BadTrackerMessage {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
            throw new BadTrackerMessage(Kind.WRONG_SHAPE, name + " must be a string");
        }
        final String text = parser.getText();
        if (text.length() > maxValueLength) {
            throw new BadTrackerMessage(
                    Kind.VALUE_TOO_LONG, name + " is longer than " + maxValueLength + " characters");
        }
        return text;
    }

    private static TrackerMessage.Command command(final JsonParser parser, final JsonToken value)
            throws IOException, BadTrackerMessage {
        if (value == JsonToken.VALUE_STRING) {
            switch (parser.getText()) {
                case "get":
                    return TrackerMessage.Command.GET;
                case "ping":
                    return TrackerMessage.Command.PING;
                default:
                    break;
            }
        }
        parser.skipChildren();
        throw new BadTrackerMessage(Kind.UNKNOWN_CMD, "cmd must be \"get\" or \"ping\"; leave it out for an update");
    }

    private String coordinate(final JsonParser parser, final JsonToken value, final String name, final int limit)
            throws IOException, BadTrackerMessage {
        final boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
        if (!number && value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            throw new BadTrackerMessage(Kind.BAD_COORDINATES, name + " must be a number or a numeric string");
        }
        final String text = parser.getText();
        if (text.length() > maxValueLength || !NUMERIC.matcher(text.strip()).matches()) {
            throw new BadTrackerMessage(Kind.BAD_COORDINATES, name + " must be a number or a numeric string");
        }
        final BigDecimal degrees = new BigDecimal(text.strip());
        if (degrees.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
            throw new BadTrackerMessage(Kind.BAD_COORDINATES, name + " must be from -" + limit + " to " + limit);
        }
        return number ? text : Reported.stringLiteral(text);
    }

    private String data(final JsonParser parser, final JsonToken value, final String name)
            throws IOException, BadTrackerMessage {
        final boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
        if (!number && value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            throw new BadTrackerMessage(Kind.WRONG_SHAPE, name + " must be text or a number");
        }
        final String text = parser.getText();
        if (text.length() > maxValueLength) {
            throw new BadTrackerMessage(
                    Kind.VALUE_TOO_LONG, name + " is longer than " + maxValueLength + " characters");
        }
        return number ? text : Reported.stringLiteral(text);
    }

    /** The fields seen so far. */
    private static final class Fields {
        String uid;
        String key;
        TrackerMessage.Command command = TrackerMessage.Command.UPDATE;
        String longitude;
        String latitude;
        final String[] data = new String[Reported.DATA_FIELDS];

        TrackerMessage message() throws BadTrackerMessage {
            if (uid == null || uid.isEmpty() || key == null || key.isEmpty()) {
                throw new BadTrackerMessage(Kind.NOT_AUTHORIZED, "uid and key are required");
            }
            if (command != TrackerMessage.Command.UPDATE) {
                // A command changes nothing, whatever values came with it.
                return new TrackerMessage(
                        uid, key, command, new Reported(null, null, new String[Reported.DATA_FIELDS]));
            }
            final var reported = new Reported(longitude, latitude, data);
            if (reported.isEmpty()) {
                throw new BadTrackerMessage(
                        Kind.WRONG_SHAPE, "nothing to update: send longitude, latitude or data1..data4, or a cmd");
            }
            return new TrackerMessage(uid, key, command, reported);
        }
    }
}
