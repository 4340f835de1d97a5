package io.hiveiot.deviceapi.telemetry.codec;

import io.hiveiot.deviceapi.payload.TypedValue;
import io.hiveiot.deviceapi.payload.TypedValue.BooleanValue;
import io.hiveiot.deviceapi.payload.TypedValue.DoubleValue;
import io.hiveiot.deviceapi.payload.TypedValue.JsonValue;
import io.hiveiot.deviceapi.payload.TypedValue.LongValue;
import io.hiveiot.deviceapi.payload.TypedValue.StringValue;

import java.util.Arrays;

/**
 * Points of one series in columns: timestamp, {@link ValueCode type code} and the value as 64 bits (a boolean as 0
 * or 1, a long as itself, a double as its raw IEEE bits) or as text (strings and JSON). Columns instead of objects:
 * a head of a thousand points is three arrays, and the codec reads them without boxing. Not thread-safe.
 */
public final class Points {

    private static final String[] NO_TEXT = new String[0];

    private long[] ts;
    private byte[] types;
    private long[] bits;
    private String[] texts = NO_TEXT;
    private int size;

    public Points(final int capacity) {
        final int initial = Math.max(1, capacity);
        ts = new long[initial];
        types = new byte[initial];
        bits = new long[initial];
    }

    public void add(final long timestamp, final TypedValue value) {
        if (value instanceof BooleanValue bool) {
            add(timestamp, ValueCode.BOOLEAN, bool.value() ? 1 : 0, null);
        } else if (value instanceof LongValue number) {
            add(timestamp, ValueCode.LONG, number.value(), null);
        } else if (value instanceof DoubleValue number) {
            add(timestamp, ValueCode.DOUBLE, Double.doubleToRawLongBits(number.value()), null);
        } else if (value instanceof StringValue text) {
            add(timestamp, ValueCode.STRING, 0, text.value());
        } else {
            add(timestamp, ValueCode.JSON, 0, ((JsonValue) value).json());
        }
    }

    /**
     * @param type  a {@link ValueCode}
     * @param value the 64 bits of a boolean, long or double (ignored for text)
     * @param text  the text of a STRING or JSON point, else null
     */
    public void add(final long timestamp, final byte type, final long value, final String text) {
        if (size == ts.length) {
            final int grown = size + Math.max(16, size >> 1);
            ts = Arrays.copyOf(ts, grown);
            types = Arrays.copyOf(types, grown);
            bits = Arrays.copyOf(bits, grown);
            if (texts.length > 0) {
                texts = Arrays.copyOf(texts, grown);
            }
        }
        ts[size] = timestamp;
        types[size] = type;
        if (ValueCode.isText(type)) {
            if (texts.length < ts.length) {
                texts = Arrays.copyOf(texts, ts.length);
            }
            texts[size] = text;
            bits[size] = 0;
        } else {
            bits[size] = value;
        }
        size++;
    }

    /** Appends point {@code index} of {@code other}. */
    public void add(final Points other, final int index) {
        add(other.ts[index], other.types[index], other.bits[index], other.text(index));
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long ts(final int index) {
        return ts[index];
    }

    public byte type(final int index) {
        return types[index];
    }

    /** The 64 bits of a boolean, long or double point. */
    public long bits(final int index) {
        return bits[index];
    }

    /** The text of a STRING or JSON point, else null. */
    public String text(final int index) {
        return texts.length > index ? texts[index] : null;
    }

    public TypedValue value(final int index) {
        return switch (types[index]) {
            case ValueCode.BOOLEAN -> new BooleanValue(bits[index] != 0);
            case ValueCode.LONG -> new LongValue(bits[index]);
            case ValueCode.DOUBLE -> new DoubleValue(Double.longBitsToDouble(bits[index]));
            case ValueCode.STRING -> new StringValue(texts[index]);
            default -> new JsonValue(texts[index]);
        };
    }

    /** Whether point {@code index} of this and point {@code otherIndex} of {@code other} hold the same value. */
    public boolean sameValue(final int index, final Points other, final int otherIndex) {
        if (types[index] != other.types[otherIndex]) {
            return false;
        }
        return ValueCode.isText(types[index])
                ? texts[index].equals(other.texts[otherIndex])
                : bits[index] == other.bits[otherIndex];
    }

    public void clear() {
        size = 0;
        Arrays.fill(texts, null);
    }
}
