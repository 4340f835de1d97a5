package io.hiveiot.deviceapi.payload;

/**
 * Apache commons-lang3 {@code NumberUtils.isParsable} (3.18, the version ThingsBoard ships), which decides
 * whether ThingsBoard casts a string value to a number. A string is parsable when:
 * <ul>
 *   <li>it is not empty and does not end with {@code '.'} ({@code "5."} is not parsable);</li>
 *   <li>it is not just {@code "-"};</li>
 *   <li>after an optional single leading {@code '-'}, every character is a digit or {@code '.'}, with at most one
 *       {@code '.'} ({@code ".5"}, {@code "-.5"} and {@code "007"} are parsable).</li>
 * </ul>
 * So no {@code '+'}, no exponent, no whitespace, no hex, no {@code NaN}. "Digit" is {@link Character#isDigit},
 * which includes non-ASCII digits such as {@code "٣"}; {@link java.math.BigDecimal} reads those as well, so
 * ThingsBoard stores {@code "٣"} as LONG 3 and so do we.
 */
final class ParsableNumber {

    private ParsableNumber() {}

    static boolean isParsable(final String text) {
        if (text.isEmpty() || text.charAt(text.length() - 1) == '.') {
            return false;
        }
        final int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        boolean seenPoint = false;
        for (int i = start; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '.') {
                if (seenPoint) {
                    return false;
                }
                seenPoint = true;
            } else if (!Character.isDigit(c)) {
                return false;
            }
        }
        return true;
    }
}
