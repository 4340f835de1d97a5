package io.hiveiot.deviceapi.payload;

/**
 * Protection against hostile or broken devices. ThingsBoard needs few of these because its MQTT transport
 * refuses packets over 64 KiB; HiveMQ accepts up to 256 MB by default, so every limit here is on by default.
 * A payload beyond a limit is a {@link BadPayloadException.Kind#LIMIT_EXCEEDED} bad payload.
 *
 * @param maxKeyLength      longest key, in UTF-16 chars; 255 matches ThingsBoard's {@code varchar(255)} key column
 * @param maxKeysPerMessage most key-value entries one message may store (null values are skipped and not counted),
 *                          or keys one attribute request may ask for
 * @param maxValueLength    longest string value, JSON value (as compact text) or number written out in full,
 *                          in UTF-16 chars; ThingsBoard's {@code transport.json.max_string_value_length} is off by
 *                          default, but its 64 KiB packet limit caps values at about the same size
 * @param maxNestingDepth   deepest nesting of objects and arrays in the whole payload; the telemetry envelope
 *                          {@code [{"ts":..,"values":{..}}]} already uses 3 levels, so that is the minimum
 */
public record PayloadLimits(int maxKeyLength, int maxKeysPerMessage, int maxValueLength, int maxNestingDepth) {

    public static final PayloadLimits DEFAULTS = new PayloadLimits(255, 1000, 64 * 1024, 32);

    /** Deeper nesting than this could overflow the stack of the recursive tree builder. */
    static final int MAX_NESTING_DEPTH = 1000;

    public PayloadLimits {
        requirePositive("maxKeyLength", maxKeyLength);
        requirePositive("maxKeysPerMessage", maxKeysPerMessage);
        requirePositive("maxValueLength", maxValueLength);
        if (maxNestingDepth < 3 || maxNestingDepth > MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException(
                    "maxNestingDepth must be between 3 and " + MAX_NESTING_DEPTH + ", not " + maxNestingDepth);
        }
    }

    private static void requirePositive(final String name, final int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
