package io.hiveiot.deviceapi.telemetry.codec;

import java.nio.charset.StandardCharsets;

/**
 * Text as bytes: UTF-8 of each UTF-16 unit on its own (CESU-8), so that every Java string comes back, a lone
 * surrogate from a JSON escape such as {@code "\ud800"} too; String.getBytes(UTF_8) would turn it into '?'. Plain
 * ASCII, the usual case, is copied as it is.
 */
public final class TextBytes {

    private TextBytes() {}

    public static byte[] encode(final String text) {
        final int length = text.length();
        int size = 0;
        for (int i = 0; i < length; i++) {
            final char c = text.charAt(i);
            size += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (size == length) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        final byte[] bytes = new byte[size];
        int at = 0;
        for (int i = 0; i < length; i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                bytes[at++] = (byte) c;
            } else if (c < 0x800) {
                bytes[at++] = (byte) (0xC0 | c >> 6);
                bytes[at++] = (byte) (0x80 | c & 0x3F);
            } else {
                bytes[at++] = (byte) (0xE0 | c >> 12);
                bytes[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return bytes;
    }

    /** @throws CorruptChunkException when the bytes are not what {@link #encode} writes */
    public static String decode(final byte[] bytes, final int offset, final int length) {
        final char[] chars = new char[length];
        int count = 0;
        int at = offset;
        final int end = offset + length;
        while (at < end) {
            final int first = bytes[at++] & 0xFF;
            if (first < 0x80) {
                chars[count++] = (char) first;
            } else if (first >= 0xC0 && first < 0xE0 && at < end) {
                chars[count++] = (char) ((first & 0x1F) << 6 | continuation(bytes[at++]));
            } else if (first >= 0xE0 && first < 0xF0 && at + 1 < end) {
                final int second = continuation(bytes[at++]);
                chars[count++] = (char) ((first & 0x0F) << 12 | second << 6 | continuation(bytes[at++]));
            } else {
                throw new CorruptChunkException("stored text is not CESU-8");
            }
        }
        return new String(chars, 0, count);
    }

    private static int continuation(final byte value) {
        if ((value & 0xC0) != 0x80) {
            throw new CorruptChunkException("stored text is not CESU-8");
        }
        return value & 0x3F;
    }
}
