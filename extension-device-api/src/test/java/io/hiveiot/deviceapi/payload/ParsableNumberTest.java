package io.hiveiot.deviceapi.payload;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** commons-lang3 3.18 {@code NumberUtils.isParsable}; every case here was checked against the real method. */
class ParsableNumberTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "73",
                "-7",
                "0",
                "-0",
                "007",
                "42.0",
                "1.5",
                "-0.0",
                ".5",
                "-.5",
                "12345678901234567890",
                "\u0663",
                "\uFF11\uFF12",
                "\u0665.\u0661"
            })
    void isParsable_withOptionalMinusDigitsAndOnePoint_isTrue(final String text) {
        assertTrue(ParsableNumber.isParsable(text), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-",
                ".",
                "-.",
                "5.",
                "-5.",
                "0.",
                "1.2.3",
                "+7",
                " 5",
                "5 ",
                "0x10",
                "NaN",
                "Infinity",
                "true",
                "1e3",
                "1E3",
                "--5",
                "-+5",
                "1,5",
                "1_000",
                "5L",
                "5f",
                "5d"
            })
    void isParsable_withSignExponentSpaceOrTrailingPoint_isFalse(final String text) {
        assertFalse(ParsableNumber.isParsable(text), text);
    }
}
