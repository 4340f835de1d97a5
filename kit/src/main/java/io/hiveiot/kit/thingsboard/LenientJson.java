package io.hiveiot.kit.thingsboard;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * Jackson set up to read what ThingsBoard's lenient Gson parser reads of a device payload: unquoted field names,
 * single quotes, Java and {@code #} comments, raw control characters in strings, missing array elements, and number
 * spellings outside strict JSON (leading zeros, a leading point). Every extension that reads device payloads reads
 * them alike.
 */
public final class LenientJson {

    private LenientJson() {
    }

    /** The features, for a factory that adds constraints of its own. */
    public static JsonFactoryBuilder builder() {
        return new JsonFactoryBuilder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                .enable(JsonReadFeature.ALLOW_MISSING_VALUES)
                .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS);
    }
}
