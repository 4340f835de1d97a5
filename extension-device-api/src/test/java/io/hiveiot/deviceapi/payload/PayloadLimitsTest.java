package io.hiveiot.deviceapi.payload;

import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.StringJoiner;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;
import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;
import static io.hiveiot.deviceapi.payload.Payloads.assertBad;
import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every limit, at and beyond its edge, for stored data (telemetry and attributes share the entry reader). */
class PayloadLimitsTest {

    private static final PayloadLimits SMALL = new PayloadLimits(5, 3, 10, 4);

    private final TelemetryParser telemetry = new TelemetryParser(SMALL);
    private final AttributesParser attributes = new AttributesParser(SMALL);

    private static String object(final int keys) {
        final StringJoiner object = new StringJoiner(",", "{", "}");
        for (int i = 0; i < keys; i++) {
            object.add("\"k" + i + "\":" + i);
        }
        return object.toString();
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        assertEquals(new PayloadLimits(255, 1000, 65_536, 32), PayloadLimits.DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void limits_withNonPositiveValue_areRefused(final int value) {
        assertThrows(IllegalArgumentException.class, () -> new PayloadLimits(value, 1, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new PayloadLimits(1, value, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new PayloadLimits(1, 1, value, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 1001})
    void limits_withNestingDepthOutsideThreeToThousand_areRefused(final int depth) {
        assertThrows(IllegalArgumentException.class, () -> new PayloadLimits(1, 1, 1, depth));
    }

    @Test
    void limits_withMinimumNestingDepth_stillReadArraysOfTsValues() throws Exception {
        final TelemetryParser shallow = new TelemetryParser(new PayloadLimits(255, 1000, 65_536, 3));
        assertEquals(
                List.of(new TsKvBatch(1, List.of(new KeyValue("a", new LongValue(1))))),
                shallow.parse(utf8("[{\"ts\":1,\"values\":{\"a\":1}}]"), 0));
    }

    @Test
    void key_atMaximumLength_isAccepted() throws Exception {
        assertEquals(List.of(new KeyValue("abcde", new LongValue(1))), attributes.parse(utf8("{\"abcde\":1}")));
    }

    @Test
    void key_longerThanMaximum_exceedsTheLimit() {
        assertBad(LIMIT_EXCEEDED, "key longer than 5 characters", () -> attributes.parse(utf8("{\"abcdef\":1}")));
    }

    @Test
    void key_longerThanDefaultMaximum_exceedsTheLimit() {
        final String payload = "{\"" + "k".repeat(256) + "\":1}";
        assertBad(
                LIMIT_EXCEEDED,
                "key longer than 255 characters",
                () -> new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8(payload)));
    }

    @Test
    void key_empty_isRefused() {
        assertBad(WRONG_SHAPE, "empty key", () -> attributes.parse(utf8("{\"\":1}")));
        assertBad(WRONG_SHAPE, "empty key", () -> telemetry.parse(utf8("{\"ts\":1,\"values\":{\"\":1}}"), 0));
    }

    @Test
    void key_emptyWithNullValue_isSkippedBeforeAnyCheck() throws Exception {
        assertEquals(List.of(), attributes.parse(utf8("{\"\":null,\"abcdefgh\":null}")));
    }

    @Test
    void keys_upToMaximumPerMessage_areAccepted() throws Exception {
        assertEquals(3, attributes.parse(utf8(object(3))).size());
    }

    @Test
    void keys_beyondMaximumPerMessage_exceedTheLimit() {
        assertBad(LIMIT_EXCEEDED, "more than 3 keys in one message", () -> attributes.parse(utf8(object(4))));
    }

    @Test
    void keys_acrossTelemetryBatches_countTowardsOneMessage() {
        assertBad(
                LIMIT_EXCEEDED,
                "more than 3 keys in one message",
                () -> telemetry.parse(utf8("[{\"a\":1,\"b\":2},{\"ts\":1,\"values\":{\"c\":3,\"d\":4}}]"), 0));
    }

    @Test
    void keys_withNullValues_doNotCount() throws Exception {
        assertEquals(
                3,
                attributes
                        .parse(utf8("{\"a\":1,\"n1\":null,\"b\":2,\"n2\":null,\"c\":3}"))
                        .size());
    }

    @Test
    void keys_upToDefaultMaximum_areAccepted() throws Exception {
        final List<TsKvBatch> batches = new TelemetryParser(PayloadLimits.DEFAULTS).parse(utf8(object(1000)), 0);
        assertEquals(1000, batches.get(0).entries().size());
    }

    @Test
    void keys_beyondDefaultMaximum_exceedTheLimit() {
        assertBad(
                LIMIT_EXCEEDED,
                "more than 1000 keys in one message",
                () -> new TelemetryParser(PayloadLimits.DEFAULTS).parse(utf8(object(1001)), 0));
    }

    @Test
    void stringValue_atMaximumLength_isAccepted() throws Exception {
        assertEquals(
                List.of(new KeyValue("a", new StringValue("x".repeat(10)))),
                attributes.parse(utf8("{\"a\":\"" + "x".repeat(10) + "\"}")));
    }

    @Test
    void stringValue_longerThanMaximum_exceedsTheLimit() {
        assertBad(
                LIMIT_EXCEEDED,
                "string value longer than 10 characters",
                () -> attributes.parse(utf8("{\"a\":\"" + "x".repeat(11) + "\"}")));
    }

    @Test
    void stringValue_numericButTooLong_exceedsTheLimitBeforeCasting() {
        assertBad(
                LIMIT_EXCEEDED,
                "string value longer than 10 characters",
                () -> attributes.parse(utf8("{\"a\":\"12345678901\"}")));
    }

    @Test
    void stringValue_longerThanDefaultMaximum_exceedsTheLimit() {
        final String payload = "{\"a\":\"" + "x".repeat(65_537) + "\"}";
        assertBad(
                LIMIT_EXCEEDED,
                "string value longer than 65536 characters",
                () -> new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8(payload)));
    }

    @Test
    void jsonValue_atMaximumLength_isAccepted() throws Exception {
        assertEquals(
                List.of(new KeyValue("a", new JsonValue("[1,2,3,44]"))),
                attributes.parse(utf8("{\"a\":[ 1, 2, 3, 44 ]}")));
    }

    @Test
    void jsonValue_longerThanMaximumAsCompactText_exceedsTheLimit() {
        assertBad(
                LIMIT_EXCEEDED,
                "JSON value longer than 10 characters",
                () -> attributes.parse(utf8("{\"a\":[1,2,3,4,5]}")));
    }

    @Test
    void number_writtenOutLongerThanMaximum_exceedsTheLimit() {
        assertBad(
                LIMIT_EXCEEDED,
                "number longer than 10 characters when written out",
                () -> attributes.parse(utf8("{\"a\":1e19}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "1.5e70000"})
    void number_withHugeExponent_exceedsTheLimitWithoutBuildingTheDigits(final String number) {
        assertBad(
                LIMIT_EXCEEDED,
                "number longer than 65536 characters when written out",
                () -> new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8("{\"a\":" + number + "}")));
    }

    @Test
    void number_withExponentBeyondIntRange_isOutOfRange() {
        assertBad(
                LIMIT_EXCEEDED,
                "number out of range",
                () -> new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8("{\"a\":1e99999999999}")));
    }

    @Test
    void number_longerThanThousandCharacters_exceedsTheLimit() {
        final String payload = "{\"a\":" + "1".repeat(NumberTyping.MAX_NUMBER_LENGTH + 1) + "}";
        assertBad(
                LIMIT_EXCEEDED,
                "number longer than 1000 characters",
                () -> new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8(payload)));
    }

    @Test
    void numericString_longerThanThousandCharacters_staysAStringUnparsed() throws Exception {
        final String digits = "0" + "1".repeat(NumberTyping.MAX_NUMBER_LENGTH);
        assertEquals(
                List.of(new KeyValue("a", new StringValue(digits))),
                new AttributesParser(PayloadLimits.DEFAULTS).parse(utf8("{\"a\":\"" + digits + "\"}")));
    }

    @Test
    void nesting_beyondMaximum_exceedsTheLimitInTelemetryToo() {
        assertBad(
                LIMIT_EXCEEDED,
                "JSON nested deeper than 4 levels",
                () -> telemetry.parse(utf8("[{\"ts\":1,\"values\":{\"a\":[[1]]}}]"), 0));
    }
}
