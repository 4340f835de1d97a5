package io.hiveiot.tracking.tracker;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The values a tracker reports, each kept as the JSON literal it arrived as ({@code 17.6359479} or
 * {@code "17.6359479"}), so that they are returned exactly as the device sent them. A {@code null} element
 * means "not reported".
 *
 * @param longitude the literal, or null
 * @param latitude  the literal, or null
 * @param data      {@code data1..data4}, each literal or null; always four elements
 */
public record Reported(String longitude, String latitude, String[] data) {

    public static final int DATA_FIELDS = 4;

    public Reported {
        if (data.length != DATA_FIELDS) {
            throw new IllegalArgumentException("data1..data4 expected");
        }
        data = data.clone();
    }

    public boolean isEmpty() {
        if (longitude != null || latitude != null) {
            return false;
        }
        for (final String value : data) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /** {@code data1} is index 0. */
    public String data(final int index) {
        return data[index];
    }

    /** A text as a JSON string literal. */
    public static String stringLiteral(final String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
