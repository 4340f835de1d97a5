package io.hiveiot.deviceapi.telemetry.codec;

/** Maps signed longs to unsigned ones so that values near zero get short varints: 0, -1, 1, -2, ... → 0, 1, 2, 3. */
public final class ZigZag {

    private ZigZag() {}

    public static long encode(final long value) {
        return (value << 1) ^ (value >> 63);
    }

    public static long decode(final long encoded) {
        return (encoded >>> 1) ^ -(encoded & 1);
    }
}
