package io.hiveiot.deviceapi.payload;

import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;

import java.math.BigDecimal;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.LIMIT_EXCEEDED;

/**
 * ThingsBoard's number typing ({@code JsonConverter.buildNumericKeyValueProto}, type cast on), which looks at both
 * the value and the spelling:
 * <ul>
 *   <li>an integral value not spelled as a plain decimal ({@code 73}, {@code 1e3}, {@code 2.0e0}) is LONG, or, when
 *       it does not fit a long, STRING of its plain digits;</li>
 *   <li>anything else ({@code 42.0}, {@code 1.50}, {@code 1.5e-3}) is DOUBLE when its scale (digits after the
 *       point, exponent included) is at most 16, else STRING of its plain digits ({@code 1e-20}).</li>
 * </ul>
 * Two guards ThingsBoard lacks, because a short number can be expensive: numbers longer than
 * {@value #MAX_NUMBER_LENGTH} characters are not parsed (BigDecimal parsing is quadratic), and the plain-digit
 * form is measured before it is built ({@code 1e999999999} would be a billion characters).
 */
final class NumberTyping {

    /** Jackson's default number length limit, which ThingsBoard (on Gson) does not have. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final int MAX_DOUBLE_SCALE = 16;

    private final int maxValueLength;

    NumberTyping(final PayloadLimits limits) {
        this.maxValueLength = limits.maxValueLength();
    }

    /** A JSON number, spelled as the device sent it. */
    TypedValue ofNumber(final String text) throws BadPayloadException {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new BadPayloadException(LIMIT_EXCEEDED, "number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        final TypedValue plain = plain(text);
        if (plain != null) {
            return plain;
        }
        try {
            return type(text, new BigDecimal(text));
        } catch (final ArithmeticException | NumberFormatException e) {
            // An exponent beyond int range (1e9999999999) or one that overflows when trailing zeros are
            // stripped. ThingsBoard closes the connection through an uncaught exception here.
            throw new BadPayloadException(LIMIT_EXCEEDED, "number out of range");
        }
    }

    /**
     * A string that {@link ParsableNumber#isParsable} accepted. Like ThingsBoard, a failure to type it keeps the
     * string. Strings longer than {@value #MAX_NUMBER_LENGTH} characters stay strings unparsed, where
     * ThingsBoard would store the same digits without leading zeros.
     */
    TypedValue ofNumericString(final String text) throws BadPayloadException {
        if (text.length() > MAX_NUMBER_LENGTH) {
            return new StringValue(text);
        }
        try {
            return type(text, new BigDecimal(text));
        } catch (final ArithmeticException | NumberFormatException e) {
            return new StringValue(text);
        }
    }

    private TypedValue type(final String text, final BigDecimal number) throws BadPayloadException {
        if (number.stripTrailingZeros().scale() <= 0 && !isPlainDecimal(text)) {
            try {
                return new LongValue(number.longValueExact());
            } catch (final ArithmeticException beyondLong) {
                return plainDigits(number);
            }
        }
        if (number.scale() <= MAX_DOUBLE_SCALE) {
            final double value = number.doubleValue();
            if (Double.isFinite(value)) {
                return new DoubleValue(value);
            }
            // Beyond Double.MAX_VALUE (a plain decimal with over 308 integer digits): ThingsBoard stores
            // DOUBLE Infinity and then writes the invalid JSON token Infinity. We keep the digits instead.
        }
        return plainDigits(number);
    }

    /**
     * The typing of the spellings devices send almost always, without a BigDecimal: digits ({@code -42}: LONG), or
     * digits with a point and at most {@value #MAX_DOUBLE_SCALE} digits after it ({@code 21.3}: DOUBLE, parsed by
     * {@link Double#parseDouble}, which rounds as {@code BigDecimal.doubleValue} does); null for anything else,
     * and for what only the long path types right: beyond the double range, and zero, which BigDecimal has no
     * negative of ({@code -0.0} is 0.0).
     */
    private static TypedValue plain(final String text) {
        final int length = text.length();
        final int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        int point = -1;
        for (int i = start; i < length; i++) {
            final char c = text.charAt(i);
            if (c == '.' && point < 0 && i > start) {
                point = i;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        if (point < 0) {
            // at most 18 digits always fit a long
            return length - start >= 1 && length - start <= 18 ? new LongValue(Long.parseLong(text)) : null;
        }
        final int scale = length - point - 1;
        if (scale < 1 || scale > MAX_DOUBLE_SCALE) {
            return null;
        }
        final double value = Double.parseDouble(text);
        return Double.isFinite(value) && value != 0 ? new DoubleValue(value) : null;
    }

    /** ThingsBoard's {@code isSimpleDouble}: a point and no exponent. */
    private static boolean isPlainDecimal(final String text) {
        return text.indexOf('.') >= 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    private StringValue plainDigits(final BigDecimal number) throws BadPayloadException {
        if (plainLength(number) > maxValueLength) {
            throw new BadPayloadException(
                    LIMIT_EXCEEDED, "number longer than " + maxValueLength + " characters when written out");
        }
        return new StringValue(number.toPlainString());
    }

    /** The length of {@link BigDecimal#toPlainString()} (or a little more), without building it. */
    private static long plainLength(final BigDecimal number) {
        final long precision = number.precision();
        final long scale = number.scale();
        final long sign = number.signum() < 0 ? 1 : 0;
        if (scale <= 0) {
            return sign + precision - scale;
        }
        return sign + (precision > scale ? precision + 1 : scale + 2);
    }
}
