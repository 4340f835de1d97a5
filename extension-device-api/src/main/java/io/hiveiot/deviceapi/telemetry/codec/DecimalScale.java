package io.hiveiot.deviceapi.telemetry.codec;

/**
 * Doubles that are short decimals ({@code 21.3}, {@code 1013.25}), as sensors report them, stored as integers: when
 * every double of a chunk is exactly {@code m / 10^e} for one exponent {@code e}, the chunk keeps the integers
 * {@code m} as zigzag varint deltas. Gorilla's XOR needs some 40 bits for consecutive values such as 21.3 and 21.4,
 * whose binary fractions differ almost everywhere; their integers 213 and 214 differ by one. The check is exact: a
 * value is scaled only when dividing its integer by {@code 10^e} gives back the very same bits, so the decoder's
 * division reproduces it.
 */
public final class DecimalScale {

    /** Decimals beyond this many digits after the point go to XOR. */
    public static final int MAX_EXPONENT = 18;

    private static final double[] POWERS = new double[MAX_EXPONENT + 1];
    /** Keeps {@code m} far inside the long range, where its conversion to double is the one the decoder does. */
    private static final double LIMIT = 0x1p62;

    static {
        double power = 1;
        for (int e = 0; e <= MAX_EXPONENT; e++) {
            POWERS[e] = power;
            power *= 10;
        }
    }

    private DecimalScale() {}

    /** The exponent every double of {@code points} fits, or -1 (no double, or one that is not a short decimal). */
    static int of(final Points points) {
        int exponent = -1;
        for (int i = 0; i < points.size(); i++) {
            if (points.type(i) == ValueCode.DOUBLE) {
                final int own = smallest(Double.longBitsToDouble(points.bits(i)));
                if (own < 0) {
                    return -1;
                }
                exponent = Math.max(exponent, own);
            }
        }
        if (exponent < 0) {
            return -1;
        }
        for (int i = 0; i < points.size(); i++) {
            if (points.type(i) == ValueCode.DOUBLE && !fits(points.bits(i), exponent)) {
                return -1;
            }
        }
        return exponent;
    }

    /** The smallest exponent at which one double is a short decimal, or -1. */
    public static int of(final long bits) {
        return smallest(Double.longBitsToDouble(bits));
    }

    /** The integer of a double that {@link #of} accepted at {@code exponent}. */
    public static long scaled(final long bits, final int exponent) {
        return Math.round(Double.longBitsToDouble(bits) * POWERS[exponent]);
    }

    public static long unscaled(final long scaled, final int exponent) {
        return Double.doubleToRawLongBits(scaled / POWERS[exponent]);
    }

    private static int smallest(final double value) {
        if (!Double.isFinite(value)) {
            return -1;
        }
        final long bits = Double.doubleToRawLongBits(value);
        for (int e = 0; e <= MAX_EXPONENT; e++) {
            if (fits(bits, e)) {
                return e;
            }
        }
        return -1;
    }

    private static boolean fits(final long bits, final int exponent) {
        final double product = Double.longBitsToDouble(bits) * POWERS[exponent];
        return Math.abs(product) < LIMIT && unscaled(Math.round(product), exponent) == bits;
    }
}
