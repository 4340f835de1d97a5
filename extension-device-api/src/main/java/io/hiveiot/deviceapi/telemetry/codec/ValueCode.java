package io.hiveiot.deviceapi.telemetry.codec;

import io.hiveiot.deviceapi.payload.ValueType;

/**
 * The stored code of each value type, the same as the {@code type} column of the value tables (1 BOOLEAN, 2 LONG,
 * 3 DOUBLE, 4 STRING, 5 JSON). Never renumber: the codes are in every chunk and ingest row.
 */
public final class ValueCode {

    public static final byte BOOLEAN = 1;
    public static final byte LONG = 2;
    public static final byte DOUBLE = 3;
    public static final byte STRING = 4;
    public static final byte JSON = 5;

    private ValueCode() {}

    public static boolean isValid(final int code) {
        return code >= BOOLEAN && code <= JSON;
    }

    public static boolean isText(final byte code) {
        return code == STRING || code == JSON;
    }

    public static boolean isNumeric(final byte code) {
        return code == LONG || code == DOUBLE;
    }

    public static byte of(final ValueType type) {
        return switch (type) {
            case BOOLEAN -> BOOLEAN;
            case LONG -> LONG;
            case DOUBLE -> DOUBLE;
            case STRING -> STRING;
            case JSON -> JSON;
        };
    }
}
