package io.hiveiot.deviceapi.payload;

import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every row of the reference's typing table (section 2), plus the edges around each row. */
class TypingTableTest {

    private final AttributesParser attributes = new AttributesParser(PayloadLimits.DEFAULTS);
    private final TelemetryParser telemetry = new TelemetryParser(PayloadLimits.DEFAULTS);

    static Stream<Arguments> table() {
        return Stream.of(
                // true/false -> BOOLEAN
                arguments("true", new BooleanValue(true)),
                arguments("false", new BooleanValue(false)),
                // integral values, scientific notation included -> LONG
                arguments("73", new LongValue(73)),
                arguments("-7", new LongValue(-7)),
                arguments("1e3", new LongValue(1000)),
                arguments("1E3", new LongValue(1000)),
                arguments("1.5e2", new LongValue(150)),
                arguments("2.0e0", new LongValue(2)),
                arguments("1E+2", new LongValue(100)),
                arguments("0e5", new LongValue(0)),
                arguments("-0", new LongValue(0)),
                arguments("9223372036854775807", new LongValue(Long.MAX_VALUE)),
                arguments("-9223372036854775808", new LongValue(Long.MIN_VALUE)),
                // plain decimals and fractions -> DOUBLE
                arguments("42.0", new DoubleValue(42.0)),
                arguments("1.50", new DoubleValue(1.5)),
                arguments("10.0", new DoubleValue(10.0)),
                arguments(".5", new DoubleValue(0.5)),
                arguments("-.5", new DoubleValue(-0.5)),
                // BigDecimal has no negative zero, so ThingsBoard stores -0.0 as 0.0
                arguments("-0.0", new DoubleValue(0.0)),
                arguments("1.5e-3", new DoubleValue(0.0015)),
                arguments("0.1234567890123456", new DoubleValue(0.1234567890123456)),
                arguments("1.4516496005129E12", new DoubleValue(1.4516496005129E12)),
                arguments("12345678901234567890.5", new DoubleValue(1.2345678901234567E19)),
                // beyond long -> STRING of plain digits
                arguments("9223372036854775808", new StringValue("9223372036854775808")),
                arguments("-9223372036854775809", new StringValue("-9223372036854775809")),
                arguments("1e19", new StringValue("10000000000000000000")),
                // scale above 16 -> STRING of plain digits
                arguments("1e-20", new StringValue("0.00000000000000000001")),
                arguments("1.23456789012345678", new StringValue("1.23456789012345678")),
                arguments("0.12345678901234567", new StringValue("0.12345678901234567")),
                // numeric strings are cast (NumberUtils.isParsable)
                arguments("\"73\"", new LongValue(73)),
                arguments("\"42.0\"", new DoubleValue(42.0)),
                // a version string such as "1.0" is cast too: ThingsBoard stores DOUBLE 1.0 and answers 1.0
                arguments("\"1.0\"", new DoubleValue(1.0)),
                arguments("\"-0\"", new LongValue(0)),
                arguments("\".5\"", new DoubleValue(0.5)),
                arguments("\"007\"", new LongValue(7)),
                arguments("\"12345678901234567890\"", new StringValue("12345678901234567890")),
                arguments("\"0.12345678901234567\"", new StringValue("0.12345678901234567")),
                arguments("\"\u0663\"", new LongValue(3)),
                // strings isParsable refuses stay strings
                arguments("\"1e3\"", new StringValue("1e3")),
                arguments("\"+7\"", new StringValue("+7")),
                arguments("\" 5\"", new StringValue(" 5")),
                arguments("\"0x10\"", new StringValue("0x10")),
                arguments("\"NaN\"", new StringValue("NaN")),
                arguments("\"true\"", new StringValue("true")),
                arguments("\"5.\"", new StringValue("5.")),
                arguments("\"-\"", new StringValue("-")),
                arguments("\"\"", new StringValue("")),
                arguments("'single'", new StringValue("single")),
                // Gson reads leading zeros as an unquoted string, which is then cast
                arguments("007", new LongValue(7)),
                arguments("-00.50", new DoubleValue(-0.5)),
                arguments("007e2", new StringValue("007e2")),
                // objects and arrays -> JSON text
                arguments("{\"a\":1}", new JsonValue("{\"a\":1}")),
                arguments("[1,2]", new JsonValue("[1,2]")),
                arguments("[]", new JsonValue("[]")),
                arguments("{}", new JsonValue("{}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void attributes_typeEachValue_asThingsBoardDoes(final String literal, final TypedValue expected) throws Exception {
        assertEquals(List.of(new KeyValue("k", expected)), attributes.parse(utf8("{\"k\":" + literal + "}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void telemetry_typesEachValue_likeAttributes(final String literal, final TypedValue expected) throws Exception {
        assertEquals(
                List.of(new TsKvBatch(5, List.of(new KeyValue("k", expected)))),
                telemetry.parse(utf8("{\"k\":" + literal + "}"), 5));
    }

    @Test
    void attributes_withNullValue_skipsItSilently() throws Exception {
        assertEquals(List.of(new KeyValue("b", new LongValue(1))), attributes.parse(utf8("{\"a\":null,\"b\":1}")));
    }

    @Test
    void attributes_withPlainDecimalBeyondDoubleRange_keepTheDigitsAsString() throws Exception {
        // Deviation: ThingsBoard stores DOUBLE Infinity here and later writes the invalid token Infinity.
        final String digits = "1" + "0".repeat(309) + ".5";
        assertEquals(
                List.of(new KeyValue("k", new StringValue(digits))), attributes.parse(utf8("{\"k\":" + digits + "}")));
    }

    @Test
    void attributes_withLargeExponent_writeOutThePlainDigits() throws Exception {
        assertEquals(
                List.of(new KeyValue("k", new StringValue("15" + "0".repeat(307)))),
                attributes.parse(utf8("{\"k\":1.5e308}")));
    }
}
