package io.hiveiot.deviceapi.payload;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.hiveiot.deviceapi.payload.Payloads.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated client-attribute payloads in every lenient form Gson accepts (and some it refuses), each read by the
 * attributes parser and by ThingsBoard's own rules ({@link ThingsBoardConverter}): both must store the same typed
 * values, or both refuse.
 */
class GeneratedLenientPayloadsTest {

    private static final String[] QUOTED_TEXTS = {
        "value1",
        "73",
        "42.0",
        "1e3",
        "+7",
        " 5",
        "007",
        ".5",
        "-.5",
        "true",
        "NaN",
        "0x10",
        "1.0",
        "-0",
        "",
        "a'b",
        "x\\\"y",
        "5.",
        "-",
        "1.2.3",
        "9223372036854775808",
        "0.12345678901234567",
        "\u0663",
        "\u00e4\u00f6\u00fc",
        "line\\nbreak"
    };
    private static final String[] UNQUOTED_WORDS = {
        "value1",
        "hello",
        "NaN",
        "Infinity",
        "-Infinity",
        "+7",
        "5.",
        "0x10",
        "007",
        ".5",
        "-.5",
        "v1.2-beta",
        "1e3x",
        "\u0663",
        "a_b",
        "x.y.z"
    };
    private static final String[] NUMBERS = {
        "73",
        "-7",
        "1e3",
        "1E3",
        "1.5e2",
        "2.0e0",
        "42.0",
        "1.50",
        "-0",
        "0e5",
        "-0.0",
        "9223372036854775807",
        "9223372036854775808",
        "1e19",
        "1e-20",
        "1.4516496005129E12",
        "0.1234567890123456",
        "12345678901234567890.5"
    };
    private static final String[] KEYWORDS = {"true", "TRUE", "True", "false", "FALSE", "null", "NULL", "Null"};
    private static final String[] NESTED = {
        "[1,,2]", "{a:b}", "['x',NaN]", "[1e3,1.50,-0]", "{\"k\":[true,null]}", "[]", "{}", "[,]", "{a=1;b=>'c'}"
    };
    private static final String[] GAPS = {"", " ", "\n", "\t", " /* c */ ", " // c\n", " # c\n"};

    private final AttributesParser parser = new AttributesParser(PayloadLimits.DEFAULTS);

    @Test
    void generatedPayloads_areStoredExactlyAsThingsBoardStoresThem() {
        final Random random = new Random(20261207L);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            final String payload = payload(random);
            List<KeyValue> expected = null;
            try {
                expected = ThingsBoardConverter.attributes(payload);
            } catch (final RuntimeException thingsBoardRefuses) {
                assertThrows(BadPayloadException.class, () -> parser.parse(utf8(payload)), payload);
                refused++;
                continue;
            }
            try {
                assertEquals(expected, parser.parse(utf8(payload)), payload);
            } catch (final BadPayloadException e) {
                throw new AssertionError("refused what ThingsBoard accepts: " + payload + " (" + e.reason() + ")");
            }
            accepted++;
        }
        // the generator must exercise both sides
        assertTrue(accepted > 3_000 && refused > 100, accepted + " accepted, " + refused + " refused");
    }

    private static String payload(final Random random) {
        final StringBuilder json = new StringBuilder();
        json.append(gap(random)).append('{');
        final int members = 1 + random.nextInt(5);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                json.append(gap(random)).append(random.nextInt(4) == 0 ? ';' : ',');
            }
            final String name = "k" + random.nextInt(4) + (random.nextBoolean() ? ".x" : "");
            json.append(gap(random))
                    .append(name(random, name))
                    .append(gap(random))
                    .append(separator(random))
                    .append(gap(random))
                    .append(value(random));
        }
        json.append(gap(random)).append('}');
        if (random.nextInt(25) == 0) {
            json.append(pick(random, new String[] {"}", "x", ",", " // late comment", "{}"}));
        } else if (random.nextInt(25) == 0) {
            json.setLength(json.length() - 1);
        } else {
            json.append(pick(random, new String[] {"", " ", "\n", "\r\n"}));
        }
        return json.toString();
    }

    private static String name(final Random random, final String name) {
        return switch (random.nextInt(3)) {
            case 0 -> '"' + name + '"';
            case 1 -> '\'' + name + '\'';
            default -> name;
        };
    }

    private static String separator(final Random random) {
        return pick(random, new String[] {":", ":", ":", "=", "=>"});
    }

    private static String value(final Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> '"' + pick(random, QUOTED_TEXTS) + '"';
            case 1 -> '\'' + pick(random, QUOTED_TEXTS).replace("'", "\\'") + '\'';
            case 2 -> pick(random, UNQUOTED_WORDS);
            case 3 -> pick(random, NUMBERS);
            case 4 -> pick(random, KEYWORDS);
            default -> pick(random, NESTED);
        };
    }

    private static String gap(final Random random) {
        return random.nextInt(3) == 0 ? pick(random, GAPS) : "";
    }

    private static String pick(final Random random, final String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
