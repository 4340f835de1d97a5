package io.hiveiot.deviceapi.payload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.INVALID_JSON;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;
import static io.hiveiot.deviceapi.payload.Payloads.assertBad;
import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeRequestParserTest {

    private final AttributeRequestParser parser = new AttributeRequestParser(PayloadLimits.DEFAULTS);

    private AttributeRequest parse(final String payload) throws BadPayloadException {
        return parser.parse(utf8(payload));
    }

    private static KeySelection keys(final String... keys) {
        return KeySelection.of(List.of(keys));
    }

    @Test
    void request_withBothKeyLists_asksForThoseKeys() throws Exception {
        assertEquals(
                new AttributeRequest(keys("k1", "k2"), keys("fw_version", "fw_title")),
                parse("{\"clientKeys\":\"k1,k2\",\"sharedKeys\":\"fw_version,fw_title\"}"));
    }

    @Test
    void request_withSpacesAfterCommas_keepsThemInTheKeys() throws Exception {
        assertEquals(
                new AttributeRequest(keys("a", " b", " c "), KeySelection.NONE),
                parse("{\"clientKeys\":\"a, b, c \"}"));
    }

    @Test
    void request_withEmptyObject_asksForEverything() throws Exception {
        assertEquals(AttributeRequest.EVERYTHING, parse("{}"));
    }

    @Test
    void request_withUnrelatedMembersOnly_asksForEverything() throws Exception {
        assertEquals(AttributeRequest.EVERYTHING, parse("{\"other\":1}"));
    }

    @Test
    void request_withOnlyClientKeys_asksForNoSharedAttributes() throws Exception {
        assertEquals(new AttributeRequest(keys("a"), KeySelection.NONE), parse("{\"clientKeys\":\"a\"}"));
    }

    @Test
    void request_withOnlySharedKeys_asksForNoClientAttributes() throws Exception {
        assertEquals(new AttributeRequest(KeySelection.NONE, keys("a")), parse("{\"sharedKeys\":\"a\"}"));
    }

    @Test
    void request_withEmptySharedKeys_asksForTheEmptyKey() throws Exception {
        assertEquals(new AttributeRequest(KeySelection.NONE, keys("")), parse("{\"sharedKeys\":\"\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"clientKeys\":\",\"}", "{\"clientKeys\":\",,\",\"sharedKeys\":\",\"}"})
    void request_withOnlyCommas_splitsIntoNoKeysAndAsksForEverything(final String payload) throws Exception {
        // String.split drops trailing empty strings, so "," has no keys, and no keys at all means everything.
        assertEquals(AttributeRequest.EVERYTHING, parse(payload));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'\"a,\"'       | a",
                "'\"a,,\"'      | a",
                "'\"a,a\"'      | a",
                "5              | 5",
                "1e3            | 1e3",
                "007            | 007",
                "true           | true",
                "'[\"a\"]'      | a",
                "'[[\"a\"]]'    | a",
                "[7]            | 7"
            })
    void request_withGsonGetAsStringValue_readsItsText(final String value, final String key) throws Exception {
        assertEquals(new AttributeRequest(keys(key), KeySelection.NONE), parse("{\"clientKeys\":" + value + "}"));
    }

    @Test
    void request_withLeadingComma_asksForTheEmptyKeyToo() throws Exception {
        assertEquals(new AttributeRequest(keys("", "a"), KeySelection.NONE), parse("{\"clientKeys\":\",a\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "[]", "[\"a\",\"b\"]", "[null]", "[{}]"})
    void request_withKeysNotReadableAsString_isBadPayload(final String value) {
        assertBad(
                WRONG_SHAPE,
                "sharedKeys must be a comma-separated string",
                () -> parse("{\"clientKeys\":\"a\",\"sharedKeys\":" + value + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "\"clientKeys\"", "1", "null"})
    void request_withAnythingButAnObject_isBadPayload(final String payload) {
        assertBad(WRONG_SHAPE, "attribute request must be a JSON object", () -> parse(payload));
    }

    @Test
    void request_withEmptyPayload_isBadPayload() {
        assertBad(INVALID_JSON, "empty payload", () -> parser.parse(new byte[0]));
    }

    @Test
    void request_withMoreKeysThanTheLimit_exceedsIt() {
        final AttributeRequestParser small = new AttributeRequestParser(new PayloadLimits(255, 3, 65_536, 32));
        assertBad(
                LIMIT_EXCEEDED,
                "more than 3 keys in one request",
                () -> small.parse(utf8("{\"clientKeys\":\"a,b\",\"sharedKeys\":\"c,d\"}")));
    }

    @Test
    void request_withRepeatedKeys_countsThemOnce() throws Exception {
        final AttributeRequestParser small = new AttributeRequestParser(new PayloadLimits(255, 3, 65_536, 32));
        assertEquals(
                new AttributeRequest(keys("a", "b", "c"), KeySelection.NONE),
                small.parse(utf8("{\"clientKeys\":\"a,b,a,c,b,a\"}")));
    }

    @Test
    void request_withDefaultLimits_acceptsThousandKeys() throws Exception {
        final StringJoiner list = new StringJoiner(",");
        for (int i = 0; i < 1000; i++) {
            list.add("k" + i);
        }
        assertEquals(
                1000, parse("{\"sharedKeys\":\"" + list + "\"}").shared().keys().size());
        assertBad(
                LIMIT_EXCEEDED,
                "more than 1000 keys in one request",
                () -> parse("{\"sharedKeys\":\"" + list + ",k1000\"}"));
    }

    @Test
    void request_withKeyLongerThanTheLimit_exceedsIt() {
        assertBad(
                LIMIT_EXCEEDED,
                "key longer than 255 characters",
                () -> parse("{\"clientKeys\":\"a," + "k".repeat(256) + "\"}"));
    }

    @Test
    void keySelection_all_includesEveryKey() {
        assertTrue(KeySelection.ALL.includes("anything"));
        assertTrue(KeySelection.ALL.includes(""));
    }

    @Test
    void keySelection_ofKeys_includesOnlyThose() {
        assertTrue(keys("a", "b").includes("a"));
        assertFalse(keys("a", "b").includes("c"));
        assertFalse(KeySelection.NONE.includes("a"));
    }

    @Test
    void keySelection_keepsRequestOrderWithoutDuplicates() {
        assertEquals(
                List.of("b", "a"),
                List.copyOf(KeySelection.of(List.of("b", "a", "b")).keys()));
    }

    @Test
    void keySelection_ofAllWithKeys_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeySelection(true, Set.of("a")));
    }
}
