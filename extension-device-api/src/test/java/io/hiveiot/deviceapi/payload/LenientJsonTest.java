package io.hiveiot.deviceapi.payload;

import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_JSON;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.Payloads.assertBad;
import static io.hiveiot.deviceapi.payload.Payloads.nestedArrays;
import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON syntax ThingsBoard's lenient Gson parsing accepts and rejects, read through the attributes parser. */
class LenientJsonTest {

    private final AttributesParser parser = new AttributesParser(PayloadLimits.DEFAULTS);

    private List<KeyValue> parse(final String payload) throws BadPayloadException {
        return parser.parse(utf8(payload));
    }

    private static List<KeyValue> one(final String key, final TypedValue value) {
        return List.of(new KeyValue(key, value));
    }

    @Test
    void json_withUnquotedFieldName_isAccepted() throws Exception {
        // The docs' mosquitto_pub -m {"temperature":25} only works because the shell strips the quotes.
        assertEquals(one("temperature", new LongValue(25)), parse("{temperature:25}"));
    }

    @Test
    void json_withSingleQuotes_isAccepted() throws Exception {
        assertEquals(one("it's", new StringValue("a'b")), parse("{'it\\'s':'a\\'b'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1 /* why */}", "{\"a\":1 // why\n}", "{\"a\":1 # why\n}"})
    void json_withComments_isAccepted(final String payload) throws Exception {
        assertEquals(one("a", new LongValue(1)), parse(payload));
    }

    @Test
    void json_withRawControlCharacterInString_isAccepted() throws Exception {
        assertEquals(one("log", new StringValue("line1\nline2\ttab")), parse("{\"log\":\"line1\nline2\ttab\"}"));
    }

    @Test
    void json_withByteOrderMark_isAccepted() throws Exception {
        assertEquals(one("a", new LongValue(1)), parse("\uFEFF{\"a\":1}"));
    }

    @Test
    void json_withMissingArrayElements_readsThemAsNull() throws Exception {
        assertEquals(one("a", new JsonValue("[null,1,null,2,null]")), parse("{\"a\":[,1,,2,]}"));
    }

    @Test
    void json_withRepeatedKey_keepsFirstPositionAndLastValue() throws Exception {
        assertEquals(
                List.of(new KeyValue("a", new LongValue(3)), new KeyValue("b", new LongValue(2))),
                parse("{\"a\":1,\"b\":2,\"a\":3}"));
    }

    @Test
    void json_withRepeatedKeyEndingInNull_storesNothingForIt() throws Exception {
        assertEquals(List.of(), parse("{\"a\":1,\"a\":null}"));
    }

    @Test
    void json_withInvalidUtf8_decodesItAsReplacementCharacter() throws Exception {
        final byte[] payload = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertEquals(one("a", new StringValue("\uFFFD")), parser.parse(payload));
    }

    @Test
    void jsonValue_isWrittenCompactWithQuotedKeys() throws Exception {
        assertEquals(
                one("cfg", new JsonValue("{\"a\":[1,2],\"b\":{\"c\":\"x\"},\"d\":null,\"e\":true}")),
                parse("{cfg: { a : [ 1 , 2 ] , 'b' : {c:'x'}, \"d\": null, e: true } }"));
    }

    @Test
    void jsonValue_keepsNumbersAsSpelled() throws Exception {
        assertEquals(
                one("cfg", new JsonValue("{\"a\":1e3,\"b\":1.50,\"c\":-0,\"d\":1E+2,\"e\":123456789012345678901}")),
                parse("{\"cfg\":{\"a\":1e3,\"b\":1.50,\"c\":-0,\"d\":1E+2,\"e\":123456789012345678901}}"));
    }

    @Test
    void jsonValue_withLeadingZeroOrPointNumbers_holdsThemAsStrings() throws Exception {
        // Gson reads these spellings as unquoted strings, so ThingsBoard stores them quoted.
        assertEquals(
                one("cfg", new JsonValue("{\"a\":\"007\",\"b\":\".5\",\"c\":\"-.5\"}")),
                parse("{\"cfg\":{\"a\":007,\"b\":.5,\"c\":-.5}}"));
    }

    @Test
    void jsonValue_escapesStringsLikeGson() throws Exception {
        assertEquals(
                one("cfg", new JsonValue("[\"q\\\"b\\\\s/\\b\\t\\n\\f\\r\\u0001\\u001f\\u2028\\u2029\u00e4\"]")),
                parse("{\"cfg\":[\"q\\\"b\\\\s\\/\\b\\t\\n\\f\\r\\u0001\\u001F\\u2028\\u2029\\u00e4\"]}"));
    }

    @Test
    void json_withTrailingValue_isInvalid() {
        // Gson's column is the one after the character it stopped at
        assertBad(
                INVALID_JSON,
                "unexpected content after the JSON value at line 1 column 9",
                () -> parse("{\"a\":1}{\"b\":2}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}}", "{\"a\":1},", "{\"a\":1}x"})
    void json_withTrailingGarbage_isInvalid(final String payload) {
        assertBad(INVALID_JSON, "unexpected content after the JSON value at line 1 column 9", () -> parse(payload));
    }

    @Test
    void json_withTrailingWhitespace_isAccepted() throws Exception {
        assertEquals(one("a", new LongValue(1)), parse(" {\"a\":1} \r\n\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n\t ", "\uFEFF", "/* nothing */"})
    void json_withNothingInIt_isAnEmptyPayload(final String payload) {
        assertBad(INVALID_JSON, "empty payload", () -> parse(payload));
    }

    @Test
    void json_withSyntaxError_reportsLineAndColumn() {
        assertBad(INVALID_JSON, "invalid JSON at line 2 column 5", () -> parse("{\"a\":1,\n\"b\":}"));
    }

    @Test
    void json_theSeedsShellStrippedAttributes_areReadAsThingsBoardReadsThem() throws Exception {
        // mosquitto_pub -m "{"attribute1": "value1", "attribute2": true}": the shell takes the inner quotes
        assertEquals(
                List.of(
                        new KeyValue("attribute1", new StringValue("value1")),
                        new KeyValue("attribute2", new BooleanValue(true))),
                parse("{attribute1: value1, attribute2: true}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":hello}           | hello",
                "{\"a\":NaN}             | NaN",
                "{\"a\":Infinity}        | Infinity",
                "{\"a\":-Infinity}       | -Infinity",
                "{\"a\":+7}              | +7",
                "{\"a\":5.}              | 5.",
                "{\"a\":0x10}            | 0x10",
                "{\"a\":v1.2-beta}       | v1.2-beta"
            })
    void json_withUnquotedStringValues_readsThemAsStrings(final String payload, final String value) throws Exception {
        // Gson reads an unquoted word as a string, and so does ThingsBoard's typing
        assertEquals(one("a", new StringValue(value)), parse(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\"=1}", "{\"a\"=>1}", "{a:1}", "{'a':1}"})
    void json_withLenientNameSeparators_isAccepted(final String payload) throws Exception {
        assertEquals(one("a", new LongValue(1)), parse(payload));
    }

    @Test
    void json_withSemicolonsBetweenMembersAndUnquotedDottedNames_isAccepted() throws Exception {
        assertEquals(
                List.of(new KeyValue("a.b", new LongValue(1)), new KeyValue("c-d", new LongValue(2))),
                parse("{a.b:1;c-d:2}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"TRUE | true", "True | true", "fAlSe | false"})
    void json_withKeywordsInAnyCase_readsThemAsBooleans(final String keyword, final boolean value) throws Exception {
        assertEquals(one("a", new BooleanValue(value)), parse("{\"a\":" + keyword + "}"));
    }

    @Test
    void json_withNullInAnyCase_isSkipped() throws Exception {
        assertEquals(List.of(), parse("{\"a\":NULL}"));
    }

    @Test
    void json_withNonExecutePrefix_isAccepted() throws Exception {
        assertEquals(one("a", new LongValue(1)), parse(")]}'\n{\"a\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} // why", "{\"a\":1} # why", "{\"a\":1} /* why */"})
    void json_withACommentAfterTheValue_isInvalid_asParseStringChecksTheEndStrictly(final String payload) {
        assertBad(INVALID_JSON, () -> parse(payload));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":hello world}",
                "{\"a\":1,}",
                "{\"a\":\"\\x\"}",
                "{\"a\"}",
                "{\"a\":}",
                "{\"a\":[1 2]}",
                "{\"a\":1",
                "{\"a\":\"open}"
            })
    void json_withSyntaxErrorGsonAlsoRejects_isInvalid(final String payload) {
        assertBad(INVALID_JSON, () -> parse(payload));
    }

    @Test
    void invalidJsonReason_neverEchoesThePayload() {
        final String garbage = "{\"a\":" + "secret".repeat(10_000);
        final BadPayloadException bad = assertBad(INVALID_JSON, () -> parse(garbage));
        assertTrue(bad.reason().length() < 60, bad.reason());
        assertFalse(bad.reason().contains("secret"), bad.reason());
    }

    @Test
    void json_nestedToTheLimit_isAccepted() throws Exception {
        final PayloadLimits limits = new PayloadLimits(255, 1000, 65_536, 5);
        assertEquals(
                one("a", new JsonValue(nestedArrays(4))),
                new AttributesParser(limits).parse(utf8("{\"a\":" + nestedArrays(4) + "}")));
    }

    @Test
    void json_nestedBeyondTheLimit_exceedsIt() {
        final PayloadLimits limits = new PayloadLimits(255, 1000, 65_536, 5);
        assertBad(
                LIMIT_EXCEEDED,
                "JSON nested deeper than 5 levels",
                () -> new AttributesParser(limits).parse(utf8("{\"a\":" + nestedArrays(5) + "}")));
    }

    @Test
    void json_nestedDeeperThanDefault_exceedsItWithoutStackOverflow() {
        assertBad(
                LIMIT_EXCEEDED,
                "JSON nested deeper than 32 levels",
                () -> parse("{\"a\":" + nestedArrays(100_000) + "}"));
    }
}
