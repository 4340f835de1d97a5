package io.hiveiot.tracking.tracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrackerMessageParserTest {

    private final TrackerMessageParser parser = new TrackerMessageParser(32);

    @Test
    void update_keepsEveryValueAsTheLiteralItArrivedAs() throws Exception {
        final TrackerMessage message = parse("{\"uid\":\"u\",\"key\":\"k\",\"longitude\":17.60,"
                + "\"latitude\":\"44.5318535\",\"data1\":1e3,\"data2\":\"say \\\"hi\\\"\","
                + "\"speed\":{\"ignored\":[1]}}");
        assertEquals(TrackerMessage.Command.UPDATE, message.command());
        assertEquals("17.60", message.reported().longitude());
        assertEquals("\"44.5318535\"", message.reported().latitude());
        assertEquals("1e3", message.reported().data(0));
        assertEquals("\"say \\\"hi\\\"\"", message.reported().data(1));
        assertNull(message.reported().data(2));
    }

    @Test
    void commands_ignoreValuesThatCameWithThem_butStillCheckThem() throws Exception {
        final TrackerMessage get = parse("{\"uid\":\"u\",\"key\":\"k\",\"longitude\":1,\"cmd\":\"get\"}");
        assertEquals(TrackerMessage.Command.GET, get.command());
        assertNull(get.reported().longitude());
        assertEquals(
                TrackerMessage.Command.PING,
                parse("{\"uid\":\"u\",\"key\":\"k\",\"cmd\":\"ping\"}").command());
        assertThrows(
                BadTrackerMessage.class,
                () -> parse("{\"uid\":\"u\",\"key\":\"k\",\"cmd\":\"get\",\"longitude\":\"x\"}"));
    }

    @Test
    void numericUid_isTakenAsItsDigits() throws Exception {
        assertEquals(
                "12345", parse("{\"uid\":12345,\"key\":\"k\",\"cmd\":\"ping\"}").uid());
    }

    @Test
    void toString_neverShowsTheKey() throws Exception {
        final TrackerMessage message = parse("{\"uid\":\"u\",\"key\":\"s3cr3t\",\"cmd\":\"ping\"}");
        assertEquals(-1, message.toString().indexOf("s3cr3t"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-180|true", "180|true", "180.0000001|false", "\"-90\"|true", "\" 12.5 \"|true", "\"12,5\"|false",
                "\"\"|false", "\"NaN\"|false", "\"Infinity\"|false", "\"0x10\"|false", "\"1e1\"|true", "null|false"
            })
    void coordinates_areNumbersOrNumericStringsWithinRange(final String literal, final boolean accepted) {
        final String json = "{\"uid\":\"u\",\"key\":\"k\",\"longitude\":" + literal + "}";
        if (accepted) {
            assertEquals(literal, assertDoesNotThrow(json).reported().longitude());
        } else {
            assertEquals(
                    BadTrackerMessage.Kind.BAD_COORDINATES,
                    assertThrows(BadTrackerMessage.class, () -> parse(json)).kind());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"uid\":\"u\",\"key\":\"k\",\"cmd\":\"GET\"}|UNKNOWN_CMD",
                "{\"uid\":\"u\",\"key\":\"k\",\"cmd\":1}|UNKNOWN_CMD",
                "{\"uid\":\"u\",\"key\":\"\",\"cmd\":\"ping\"}|NOT_AUTHORIZED",
                "{\"uid\":[\"u\"],\"key\":\"k\",\"cmd\":\"ping\"}|WRONG_SHAPE",
                "{\"uid\":\"u\",\"key\":\"k\",\"data3\":null}|WRONG_SHAPE",
                "{\"uid\":\"u\",\"key\":\"k\",\"cmd\":\"ping\"} {}|INVALID_JSON",
                "\"just text\"|WRONG_SHAPE",
                "{\"uid\":\"u\",\"key\":\"k\",\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}|WRONG_SHAPE",
                "{\"uid\":\"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu\",\"key\":\"k\"}|VALUE_TOO_LONG"
            })
    void badMessages_areRefusedWithTheirKind(final String json, final BadTrackerMessage.Kind kind) {
        assertEquals(
                kind, assertThrows(BadTrackerMessage.class, () -> parse(json)).kind());
    }

    private TrackerMessage assertDoesNotThrow(final String json) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> parse(json));
    }

    private TrackerMessage parse(final String json) throws BadTrackerMessage {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
